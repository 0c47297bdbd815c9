package org.peerjournal.app.integrity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.EmbeddedPostgresStore;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.StandaloneApp;
import org.peerjournal.app.support.TestTokens;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify} on PostgreSQL reads one repeatable-read snapshot (shared by its two connections), so it may run
 * beside the service: while three clients each record notes in a journal of their own and read its timeline, and the
 * service seals what they store into its tree, every run finds the store intact. Two of the clients are the same
 * worker, whose logged reads chain onto one actor chain from two threads, so entries of that chain can commit out of
 * their global order. A verifier that read the tables at different moments would find chain entries without their
 * events (checked by reading at read-committed without the shared snapshot: "event missing").
 */
class PostgresVerifyBesideAppendsIT {

    private static final int RUNS = 3;

    @TempDir
    Path dataDir;

    @Test
    void verifyRunBesideTheServiceAppendingFindsTheStoreIntact() throws Exception {
        String[] database = EmbeddedPostgresStore.freshDatabase();
        TestTokens tokens = TestTokens.create(dataDir);
        String[] settings = Stream.concat(Stream.of(database), Stream.of(tokens.settings())).toArray(String[]::new);
        try (StandaloneApp app = StandaloneApp.start(dataDir, settings)) {
            ApiClient teamLead = app.client().withBearer(tokens.token("lena", "TEAM_LEAD", "north"));
            ApiClient pia = app.client().withBearer(tokens.token("pia", "PSW", "north"));
            ApiClient per = app.client().withBearer(tokens.token("per", "PSW", "north"));
            List<Writer> writers = List.of(new Writer(pia, open(teamLead)), new Writer(pia, open(teamLead)),
                    new Writer(per, open(teamLead)));
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger recorded = new AtomicInteger();
            ExecutorService threads = Executors.newFixedThreadPool(writers.size());
            try {
                List<Future<?>> writing = new ArrayList<>();
                for (Writer writer : writers) {
                    writing.add(threads.submit(() -> writer.recordUntil(stop, recorded)));
                }
                for (int run = 0; run < RUNS; run++) {
                    int before = recorded.get();
                    VerifyProcess result = VerifyProcess.run(verifyArguments(database));

                    assertThat(result.exitCode()).as(result.toString()).isEqualTo(VerifyCommand.INTACT);
                    assertThat(result.output()).as(result.toString()).contains("INTACT").doesNotContain("TAMPERED");
                    failIfAWriterFailed(writing);
                    assertThat(recorded.get()).as("notes recorded while verify ran").isGreaterThan(before);
                }
                stop.set(true);
                for (Future<?> writer : writing) {
                    writer.get();
                }
            } finally {
                stop.set(true);
                threads.shutdownNow();
            }
        }
    }

    /** A writer that stopped early did so on a request that failed: its assertion error, not a count, says why. */
    private static void failIfAWriterFailed(List<Future<?>> writing) throws Exception {
        for (Future<?> writer : writing) {
            if (writer.isDone()) {
                writer.get();
            }
        }
    }

    private static String open(ApiClient teamLead) {
        return JournalApi.openJournal(teamLead, "north", "VERIFY-" + UUID.randomUUID());
    }

    private List<String> verifyArguments(String[] database) {
        List<String> arguments = new ArrayList<>();
        for (String setting : database) {
            arguments.add("--" + setting);
        }
        arguments.add("--public-key=" + dataDir.resolve("checkpoint-signing-key.pub"));
        return arguments;
    }

    /** One client recording notes in one journal and reading its timeline (a logged read), until told to stop. */
    private record Writer(ApiClient client, String journalId) {

        void recordUntil(AtomicBoolean stop, AtomicInteger recorded) {
            while (!stop.get()) {
                ApiResponse note = client.post("/api/journals/" + journalId + "/notes",
                        JournalApi.note("Recorded while verify reads the store."));
                assertThat(note.status()).as(note.toString()).isEqualTo(201);
                recorded.incrementAndGet();
                ApiResponse timeline = client.get("/api/journals/" + journalId + "/timeline");
                assertThat(timeline.status()).as(timeline.toString()).isEqualTo(200);
            }
        }
    }
}
