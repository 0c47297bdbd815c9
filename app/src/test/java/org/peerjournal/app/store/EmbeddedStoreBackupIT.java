package org.peerjournal.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.integrity.VerifyCommand;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.StandaloneApp;
import org.peerjournal.app.support.StoreBackups;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A backup of the embedded store taken while notes are being written, readable by the service's account only, is a
 * store as it stood at one commit: restored into an empty data directory with the signing key's files
 * (docs/operations.md, "Backing up the embedded store"), the offline verifier finds it intact, and the service starts
 * on it with every note acknowledged before the backup was asked for and its read models consistent with the events.
 */
class EmbeddedStoreBackupIT {

    private static final int NOTES_BEFORE = 5;
    private static final int WRITTEN_AROUND_AT_MOST = 150;

    @TempDir
    Path root;

    @Test
    void aBackupTakenWhileNotesAreWrittenRestoresToAnIntactStoreWithEveryNoteAcknowledgedBefore() throws Exception {
        Path dataDir = root.resolve("data");
        String journalId;
        JsonNode backup;
        int acknowledgedBeforeTheRequest;
        try (StandaloneApp app = StandaloneApp.start(dataDir)) {
            JournalApi journals = app.journals();
            journalId = journals.openNorthJournal();
            for (int i = 0; i < NOTES_BEFORE; i++) {
                journals.recordNote(journalId, "Before the backup " + i);
            }
            // Notes go on being written around the request (at most a page of them, so one timeline page shows all).
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger written = new AtomicInteger();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                while (writing.get() && written.get() < WRITTEN_AROUND_AT_MOST) {
                    journals.recordNote(journalId, "While the backup is taken");
                    written.incrementAndGet();
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> written.get() > 0);

            // What a backup cut short by a crash leaves: the next one removes it.
            Files.createDirectories(dataDir.resolve("backups"));
            Files.write(dataDir.resolve("backups").resolve("peerjournal-20261201T000000.000Z.zip.part"), new byte[10]);
            acknowledgedBeforeTheRequest = written.get();
            try {
                backup = StoreBackups.take(app.client());
            } finally {
                writing.set(false);
                writer.get();
            }

            // The copy holds every journal: the journal's access log says who took it (once the access log has
            // handled the record, which is nobody's own journal write to wait for).
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(app.client().as("eva")
                    .getAllPages("/api/audit/journals/" + journalId + "/access-log?size=200").body())
                    .filteredOn(entry -> "store-backup".equals(entry.get("action").asText()))
                    .extracting(entry -> entry.get("userId").asText() + " " + entry.get("role").asText())
                    .containsExactly("olle ADMIN"));
        }

        Path zip = StoreBackups.zipOf(dataDir, backup);
        assertThat(zip).exists();
        assertThat(Files.size(zip)).isEqualTo(backup.get("bytes").asLong());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(zip))))
                .isEqualTo(backup.get("sha256").asText());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(zip))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("backups"))))
                .isEqualTo("rwx------");
        try (var files = Files.list(dataDir.resolve("backups"))) {
            assertThat(files.map(file -> file.getFileName().toString())).as("the backups directory")
                    .containsExactly(zip.getFileName().toString());
        }

        Path restored = root.resolve("restored");
        assertThat(StoreBackups.restore(zip, restored)).containsExactly("peerjournal.mv.db");
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        int exit = VerifyCommand.run(new String[] {"--peerjournal.data-dir=" + restored,
                        "--public-key=" + dataDir.resolve("checkpoint-signing-key.pub")},
                new PrintStream(report, true, StandardCharsets.UTF_8), new PrintStream(report, true,
                        StandardCharsets.UTF_8));
        assertThat(exit).as(report.toString(StandardCharsets.UTF_8)).isEqualTo(VerifyCommand.INTACT);

        // The checkpoint signing key is not in the store, nor in its backups (docs/operations.md): it stays with the
        // installation, and the restored store is started with it.
        for (String key : List.of("checkpoint-signing-key.pem", "checkpoint-signing-key.pub")) {
            Files.copy(dataDir.resolve(key), restored.resolve(key));
        }
        try (StandaloneApp app = StandaloneApp.start(restored)) {
            List<String> expected = IntStream.range(0, NOTES_BEFORE).mapToObj(i -> "Before the backup " + i).toList();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                ApiResponse timeline = app.journals().timeline("clara", journalId, "size=200");
                assertThat(timeline.status()).isEqualTo(200);
                List<String> texts = new ArrayList<>();
                timeline.body().get("entries").forEach(entry -> texts.add(entry.get("text").asText()));
                assertThat(texts).containsAll(expected);
                assertThat(texts.stream().filter("While the backup is taken"::equals).count())
                        .as("notes acknowledged while the backup was asked for").isGreaterThanOrEqualTo(
                                acknowledgedBeforeTheRequest);
            });
            ApiResponse reconciliation = app.client().as("olle").get("/api/admin/reconciliation");
            assertThat(reconciliation.body().get("consistent").asBoolean()).as(reconciliation.toString()).isTrue();
        }
    }
}
