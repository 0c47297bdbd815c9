package org.peerjournal.app.postgres;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.EmbeddedPostgresStore;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.StandaloneApp;
import org.peerjournal.app.support.TestTokens;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two application nodes on one PostgreSQL: both take commands for the same journal, the projections' segments
 * are shared between them through Axon's token claims, every event is projected exactly once, and when one node
 * stops the other takes over its segments and its escalation deadlines.
 */
class TwoNodeIT {

    private static final List<String> PROJECTIONS = List.of("timeline", "journal-directory", "escalation-queue",
            "access-log", "escalation-notifications");
    private static final int NOTES = 24;

    @TempDir
    Path workDir;

    private final List<StandaloneApp> nodes = new ArrayList<>();
    private TestTokens tokens;

    @AfterEach
    void stopNodes() {
        nodes.forEach(StandaloneApp::close);
    }

    @Test
    void twoNodesShareTheWorkAndOneTakesOverWhenTheOtherStops() throws Exception {
        tokens = TestTokens.create(workDir);
        String[] database = EmbeddedPostgresStore.freshDatabase();
        StandaloneApp nodeA = start("node-a", database);
        StandaloneApp nodeB = start("node-b", database);
        JdbcTemplate jdbc = nodeA.bean(JdbcTemplate.class);

        await("segments split between the nodes").atMost(Duration.ofSeconds(60))
                .until(() -> PROJECTIONS.stream().allMatch(name -> owners(jdbc, name).size() == 2));

        String journalId = as(nodeA, "lena", "TEAM_LEAD").post("/api/journals",
                Map.of("patientRef", "TWO-1", "displayName", "Robin", "teamId", "east")).body()
                .get("journalId").asText();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<CompletableFuture<ApiResponse>> writes = IntStream.range(0, NOTES)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> as(i % 2 == 0 ? nodeA : nodeB, "pia", "PSW")
                        .post("/api/journals/" + journalId + "/notes", JournalApi.note("Note " + i)), clients))
                .toList();
        List<ApiResponse> answers = writes.stream().map(CompletableFuture::join).toList();
        clients.shutdown();
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isEqualTo(201));

        List<Long> sequence = jdbc.queryForList("select sequence_number from domain_event_entry"
                + " where aggregate_identifier = ? order by sequence_number", Long.class, journalId);
        assertThat(sequence).containsExactlyElementsOf(sequenceUpTo(NOTES + 1));

        await("every note projected once").atMost(Duration.ofSeconds(30)).until(() -> projectedNotes(jdbc, journalId)
                .equals(List.of((long) NOTES, (long) NOTES, (long) NOTES)));
        List<String> texts = jdbc.queryForList("select current_text from timeline_entry where journal_id = ?"
                + " order by current_text", String.class, UUID.fromString(journalId));
        assertThat(texts).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, NOTES).mapToObj(i -> "Note " + i).toList());

        // An escalation raised on B, whose deadline passes after B has stopped: A records the overdue, once.
        String escalationId = as(nodeB, "pia", "PSW").post("/api/journals/" + journalId + "/escalations",
                JournalApi.escalation("IMMEDIATE")).body().get("escalationId").asText();
        nodeB.close();
        nodes.remove(nodeB);

        await("A takes over every segment").atMost(Duration.ofSeconds(30))
                .until(() -> PROJECTIONS.stream().allMatch(name -> owners(jdbc, name).equals(List.of("node-a"))));
        await("the deadline fires on A").atMost(Duration.ofSeconds(30))
                .until(() -> overdueEvents(jdbc, journalId) == 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> overdueEvents(jdbc, journalId) == 1);
        assertThat(as(nodeA, "pia", "PSW").post("/api/journals/" + journalId + "/notes",
                JournalApi.note("After the takeover")).status()).isEqualTo(201);
        await("nothing missed after the takeover").atMost(Duration.ofSeconds(30))
                .until(() -> projectedNotes(jdbc, journalId).get(0) == NOTES + 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from escalation_queue where escalation_id = ? and overdue = true", Integer.class,
                UUID.fromString(escalationId)) == 1);
    }

    private StandaloneApp start(String nodeId, String[] database) {
        String[] settings = Stream.of(database, tokens.settings(), new String[] {
                "peerjournal.cluster.node-id=" + nodeId, "peerjournal.cluster.balance-interval=PT1S",
                "peerjournal.escalations.acknowledge-within.immediate=PT6S",
                "axon.eventhandling.processors.timeline.token-claim-interval=1000",
                "axon.eventhandling.processors.journal-directory.token-claim-interval=1000",
                "axon.eventhandling.processors.escalation-queue.token-claim-interval=1000",
                "axon.eventhandling.processors.access-log.token-claim-interval=1000",
                "axon.eventhandling.processors.escalation-notifications.token-claim-interval=1000"})
                .flatMap(Stream::of).toArray(String[]::new);
        StandaloneApp node = StandaloneApp.start(workDir.resolve(nodeId), settings);
        nodes.add(node);
        return node;
    }

    private ApiClient as(StandaloneApp node, String user, String role) {
        return node.client().withBearer(tokens.token(user, role, "east"));
    }

    private static List<String> owners(JdbcTemplate jdbc, String processor) {
        return jdbc.queryForList("select distinct owner from token_entry where processor_name = ?"
                + " and owner is not null order by owner", String.class, processor);
    }

    private static List<Long> projectedNotes(JdbcTemplate jdbc, String journalId) {
        java.util.UUID id = UUID.fromString(journalId);
        return List.of(
                jdbc.queryForObject("select count(*) from timeline_entry where journal_id = ?", Long.class, id),
                jdbc.queryForObject("select count(*) from contact_entry where journal_id = ?", Long.class, id),
                jdbc.queryForObject("select count(*) from note_revision r join timeline_entry e"
                        + " on r.note_id = e.entry_id where e.journal_id = ?", Long.class, id));
    }

    private static int overdueEvents(JdbcTemplate jdbc, String journalId) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?"
                + " and payload_type like '%SafetyEscalationOverdueEvent'", Integer.class, journalId);
    }

    private static List<Long> sequenceUpTo(int count) {
        return LongStream.range(0, count).boxed().toList();
    }
}
