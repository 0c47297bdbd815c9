package org.peerjournal.app.durability;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.StandaloneApp;

import java.io.IOException;
import java.net.ServerSocket;
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

    private Process process;

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void everyAcknowledgedNoteSurvivesKillMinusNine() throws Exception {
        ApiClient api = startService();
        JournalApi journals = new JournalApi(api);
        String journalId = journals.openNorthJournal();
        List<String> noteIds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            noteIds.add(journals.recordNote(journalId, "Note " + i));
        }

        process.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no orderly close of the store

        try (StandaloneApp restarted = StandaloneApp.start(dataDir, "peerjournal.cluster.node-id=" + NODE_ID)) {
            var timeline = restarted.journals().awaitTimelineEntries(journalId, "size=50", noteIds.size());
            List<String> shown = new ArrayList<>();
            timeline.body().get("entries").forEach(entry -> shown.add(entry.get("entryId").asText()));
            assertThat(shown).containsExactlyInAnyOrderElementsOf(noteIds);
        }
    }

    private ApiClient startService() throws IOException {
        int port = freePort();
        Path log = dataDir.resolve("service-" + port + ".log");
        // C1 alone, as VerifyProcess runs its child: the service only starts and takes 20 notes, and without the C2
        // compiler's work a cold JVM starts sooner on few cores.
        process = new ProcessBuilder(javaExecutable(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "org.peerjournal.PeerJournalApplication",
                "--server.port=" + port, "--peerjournal.data-dir=" + dataDir,
                "--peerjournal.cluster.node-id=" + NODE_ID)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ApiClient api = ApiClient.anonymous("http://localhost:" + port);
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> api.get("/actuator/health").status() == 200);
        return api;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
