package org.peerjournal.app.durability;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.ChildProcessService;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.StandaloneApp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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

        try (StandaloneApp restarted = StandaloneApp.start(dataDir, "peerjournal.cluster.node-id=" + NODE_ID)) {
            var timeline = restarted.journals().awaitTimelineEntries(journalId, "size=50", noteIds.size());
            List<String> shown = new ArrayList<>();
            timeline.body().get("entries").forEach(entry -> shown.add(entry.get("entryId").asText()));
            assertThat(shown).containsExactlyInAnyOrderElementsOf(noteIds);
        }
    }
}
