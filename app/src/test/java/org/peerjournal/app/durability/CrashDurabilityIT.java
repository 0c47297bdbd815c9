package org.peerjournal.app.durability;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.ChildProcessService;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.StandaloneApp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An acknowledged write survives a crash: the service runs in a child JVM, is killed with SIGKILL right after its
 * last 201, and the application started again on the same data directory still has every note. The restart is in
 * the test's own JVM, already warm (a second cold JVM made the test last up to a minute longer on two busy cores):
 * it opens the files the killed process left, as a new process would.
 */
class CrashDurabilityIT {

    /**
     * Both starts are the same node: the restart takes its projections' claims at once, rather than waiting out
     * the claims the killed process left (a takeover, which other tests cover; not what this one is about).
     */
    private static final String NODE_ID = "crashed-node";

    @TempDir
    Path dataDir;

    private ChildProcessService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void everyAcknowledgedNoteSurvivesKillMinusNine() throws Exception {
        service = ChildProcessService.start(dataDir, "peerjournal.data-dir=" + dataDir,
                "peerjournal.cluster.node-id=" + NODE_ID);
        JournalApi journals = new JournalApi(service.client());
        String journalId = journals.openNorthJournal();
        List<String> noteIds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            noteIds.add(journals.recordNote(journalId, "Note " + i));
        }

        service.kill(); // SIGKILL: no shutdown hook, no orderly close of the store

        assertEveryNoteIsThereAfterARestart(journalId, noteIds);
    }

    /**
     * The same around the packing of the store at quiet moments (ADR 0021): notes written, the store packed and
     * opened again, more notes written and acknowledged by the store as opened again, the store about to be packed a
     * second time; then the service killed within milliseconds of that pack's start (while it waits for the pool's
     * connections, copies the store or opens it again: where the kill lands varies). The restarted service has every
     * note, and no half-written copy of the store is left beside it.
     */
    @Test
    void everyAcknowledgedNoteSurvivesKillMinusNineAfterAndWhileTheStoreIsPacked() throws Exception {
        service = ChildProcessService.start(dataDir, "peerjournal.data-dir=" + dataDir,
                "peerjournal.cluster.node-id=" + NODE_ID, "peerjournal.store.h2.pack-when-quiet-for=PT1S",
                "peerjournal.store.h2.pack-minimum-size=4000000B", "peerjournal.rate-limits.enabled=false");
        JournalApi journals = new JournalApi(service.client());
        String journalId = journals.openNorthJournal();
        Path file = dataDir.resolve("peerjournal.mv.db");
        List<String> noteIds = new ArrayList<>(journals.recordNotesUntilTheFileHas(journalId, file, 8_000_000));
        await().atMost(Duration.ofSeconds(60)).until(() -> service.log().contains("Packed the H2 store"));
        noteIds.addAll(journals.recordNotesUntilTheFileHas(journalId, file, 8_000_000));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1))
                .until(() -> service.log().split("Packing the H2 store", -1).length > 2);
        service.kill();
        // Where the kill landed: after the second "Packing", with or without a second "Packed".
        service.log().lines().filter(line -> line.contains("the H2 store")).forEach(System.out::println);

        assertEveryNoteIsThereAfterARestart(journalId, noteIds);
        assertThat(dataDir.resolve("peerjournal.mv.db.tempFile")).as("a copy left by the pack").doesNotExist();
    }

    /** Starts the application again on the killed process's files: every acknowledged note is in the timeline. */
    private void assertEveryNoteIsThereAfterARestart(String journalId, List<String> noteIds) {
        try (StandaloneApp restarted = StandaloneApp.start(dataDir, "peerjournal.cluster.node-id=" + NODE_ID)) {
            restarted.journals().awaitTimelineEntries(journalId, "", noteIds.size());
            List<String> shown = new ArrayList<>();
            for (int page = 0; shown.size() < noteIds.size(); page++) {
                ApiResponse timeline = restarted.journals().timeline("clara", journalId, "size=200&page=" + page);
                assertThat(timeline.body().get("entries")).as("timeline page %d", page).isNotEmpty();
                timeline.body().get("entries").forEach(entry -> shown.add(entry.get("entryId").asText()));
            }
            assertThat(shown).containsExactlyInAnyOrderElementsOf(noteIds);
        }
    }
}
