package org.peerjournal.app.benchmark;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.EmbeddedPostgresStore;
import org.peerjournal.app.support.EventStreamReader;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.SharedSigningKey;
import org.peerjournal.app.support.StandaloneApp;
import org.peerjournal.app.support.TestTokens;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Live stream delivery across two nodes on one PostgreSQL (the embedded server the tests start): how long after
 * a raise is sent its change arrives on a clinician's stream served by node B, when the escalation
 * was raised on node A (the change crosses nodes) and when it was raised on B itself, interleaved round by round.
 * Which node projects a change depends on its journal's segment: two journals, one raised in after the other.
 */
@Tag("benchmark")
class StreamDeliveryBenchmark {

    private static final int WARM_UP = 10;
    private static final int ROUNDS = 100;

    @TempDir
    Path workDir;

    @Test
    void streamDeliveryLatencyAcrossTwoNodes() {
        TestTokens tokens = TestTokens.create(workDir);
        String[] database = EmbeddedPostgresStore.freshDatabase();
        try (StandaloneApp nodeA = start("node-a", database, tokens);
                StandaloneApp nodeB = start("node-b", database, tokens)) {
            ApiClient lead = nodeA.client().withBearer(tokens.token("lena", "TEAM_LEAD", "east"));
            List<String> journals = Stream.of("BENCH-1", "BENCH-2").map(ref -> lead.post("/api/journals",
                    Map.of("patientRef", ref, "displayName", "Robin", "teamId", "east")).body().get("journalId")
                    .asText()).toList();
            List<ApiClient> writers = List.of(nodeA, nodeB).stream()
                    .map(node -> node.client().withBearer(tokens.token("pia", "PSW", "east"))).toList();
            Latencies crossNode = new Latencies();
            Latencies sameNode = new Latencies();
            double loadBefore = LoadAverage.now();
            try (EventStreamReader stream = EventStreamReader.openWithBearer(nodeB.baseUrl()
                    + "/api/escalations/stream", tokens.token("kim", "CLINICIAN", "east"))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events("subscribed").isEmpty());
                for (int round = 0; round < WARM_UP + ROUNDS; round++) {
                    for (int writer = 0; writer < 2; writer++) {
                        long nanos = deliver(writers.get(writer), journals.get(round % 2), stream);
                        if (round >= WARM_UP) {
                            (writer == 0 ? crossNode : sameNode).add(nanos);
                        }
                    }
                }
            }
            String report = "\nLive stream delivery, stream on node B, from sending the raise to the change on the"
                    + " stream (" + ROUNDS + " rounds, interleaved)\n" + Latencies.HEADER
                    + crossNode.row("raised on A (other node)") + sameNode.row("raised on B (same node)")
                    + String.format(java.util.Locale.ROOT, "load average before %.2f, after: %s%n", loadBefore,
                            LoadAverage.describe());
            System.out.print(report);
            assertThat(crossNode.count()).isEqualTo(ROUNDS);
        }
    }

    /**
     * Raises one escalation and answers the nanoseconds from sending the request to the change's arrival on the
     * stream (what a clinician waits after a PSW raises; the 201 may arrive after the change does).
     */
    private static long deliver(ApiClient writer, String journalId, EventStreamReader stream) {
        Instant sent = Instant.now();
        ApiResponse raised = writer.post("/api/journals/" + journalId + "/escalations",
                JournalApi.escalation("URGENT"));
        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        String escalationId = raised.body().get("escalationId").asText();
        Instant arrived = await().atMost(Duration.ofSeconds(10)).until(() -> arrival(stream, escalationId),
                Optional::isPresent).orElseThrow();
        return Duration.between(sent, arrived).toNanos();
    }

    private static Optional<Instant> arrival(EventStreamReader stream, String escalationId) {
        return stream.events("escalation").stream()
                .filter(event -> event.json().get("escalationId").asText().equals(escalationId))
                .map(EventStreamReader.ServerSentEvent::receivedAt).findFirst();
    }

    private StandaloneApp start(String nodeId, String[] database, TestTokens tokens) {
        String[] settings = Stream.of(database, tokens.settings(), new String[] {
                "peerjournal.cluster.node-id=" + nodeId, SharedSigningKey.settingIn(workDir),
                "axon.eventhandling.processors.escalation-queue.token-claim-interval=1000"})
                .flatMap(Stream::of).toArray(String[]::new);
        return StandaloneApp.start(workDir.resolve(nodeId), settings);
    }
}
