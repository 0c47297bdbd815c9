package org.peerjournal.app.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.ChildProcessService;
import org.peerjournal.app.support.EmbeddedPostgresStore;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.SharedSigningKey;
import org.peerjournal.app.support.StandaloneApp;
import org.peerjournal.app.support.TestTokens;
import org.peerjournal.app.support.WebhookReceiver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.peerjournal.app.support.TokenTable.owners;
import static org.peerjournal.app.support.TokenTable.segmentOf;

/**
 * docs/operations.md, "How many nodes": a node that dies (SIGKILL: it releases nothing) leaves its segments claimed;
 * after {@code peerjournal.cluster.claim-timeout} the other node takes them over and projects what was written
 * meanwhile, every event once; and a notification it was delivering is delivered by the other once its lease has
 * passed. Node B runs in a JVM of its own so that it can be killed; node A in the test's.
 */
class NodeCrashIT {

    private static final List<String> PROCESSORS = List.of("timeline", "journal-directory", "escalation-queue",
            "access-log", "escalation-notifications");
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(1);
    /** What a node claims a notification for: the delivery timeout times the batch of 20, plus one. */
    private static final Duration LEASE = DELIVERY_TIMEOUT.multipliedBy(21);

    @TempDir
    Path workDir;

    @Test
    void aKilledNodesSegmentsAreTakenOverAfterTheClaimTimeoutAndWhatWasWrittenMeanwhileIsProjected() throws Exception {
        TestTokens tokens = TestTokens.create(workDir);
        String[] shared = settings(tokens);
        try (ChildProcessService nodeB = ChildProcessService.start(workDir, with(shared,
                "peerjournal.cluster.node-id=node-b", "peerjournal.data-dir=" + workDir.resolve("node-b")));
                StandaloneApp nodeA = StandaloneApp.start(workDir.resolve("node-a"),
                        with(shared, "peerjournal.cluster.node-id=node-a"))) {
            JdbcTemplate jdbc = nodeA.bean(JdbcTemplate.class);
            await("segments shared by the two nodes").atMost(Duration.ofSeconds(60)).until(() -> PROCESSORS.stream()
                    .allMatch(name -> owners(jdbc, name).equals(List.of("node-a", "node-b"))));
            int segmentOfB = jdbc.queryForObject("select segment from token_entry where processor_name = 'timeline'"
                    + " and owner = 'node-b'", Integer.class);

            nodeB.kill();

            // Written on A while B's claims still stand: the notes of journals in B's timeline segment wait for A
            // to take it over.
            ApiClient lena = nodeA.client().withBearer(tokens.token("lena", "TEAM_LEAD", "east"));
            ApiClient pia = nodeA.client().withBearer(tokens.token("pia", "PSW", "east"));
            List<String> journalIds = new ArrayList<>();
            while (journalIds.stream().noneMatch(id -> segmentOf(jdbc, "timeline", id) == segmentOfB)) {
                assertThat(journalIds).as("journals opened until one falls in B's segment").hasSizeLessThan(20);
                String journalId = opened(lena, "CRASH-" + journalIds.size());
                ApiResponse noted = pia.post("/api/journals/" + journalId + "/notes",
                        JournalApi.note("After the crash"));
                assertThat(noted.status()).as(noted.toString()).isEqualTo(201);
                journalIds.add(journalId);
            }

            await("every segment taken over by A").atMost(CLAIM_TIMEOUT.multipliedBy(5))
                    .until(() -> PROCESSORS.stream().allMatch(name -> owners(jdbc, name).equals(List.of("node-a"))));
            for (String journalId : journalIds) {
                await("the note in the timeline on A").atMost(Duration.ofSeconds(30)).until(() -> pia
                        .get("/api/journals/" + journalId + "/timeline").body().path("entries").size() == 1);
            }
            ApiClient olle = nodeA.client().withBearer(tokens.token("olle", "ADMIN", null));
            await("every event projected once").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode reconciliation = olle.get("/api/admin/reconciliation").body();
                assertThat(reconciliation.path("consistent").asBoolean()).as(reconciliation.toString()).isTrue();
            });
        }
    }

    /**
     * docs/operations.md: a node that dies while delivering a notification leaves it claimed for a lease (the
     * delivery timeout times the batch of 20, plus one); another node delivers it once the lease has passed, not
     * before. Node B alone takes the escalation and claims its notification; the receiver holds B's delivery
     * unanswered and B is killed as it arrives; node A, started after, delivers it.
     */
    @Test
    void aNotificationANodeDiedDeliveringIsDeliveredByAnotherOnceItsLeaseHasPassed() {
        TestTokens tokens = TestTokens.create(workDir);
        WebhookReceiver receiver = WebhookReceiver.start();
        String[] shared = with(settings(tokens), receiver.settings());
        shared = with(shared, "peerjournal.notifications.timeout=" + DELIVERY_TIMEOUT,
                "peerjournal.notifications.poll-interval-ms=100");
        try (ChildProcessService nodeB = ChildProcessService.start(workDir, with(shared,
                "peerjournal.cluster.node-id=node-b", "peerjournal.data-dir=" + workDir.resolve("node-b")))) {
            receiver.holdNextAttempt(nodeB::kill);
            ApiClient onB = nodeB.client();
            String journalId = opened(onB.withBearer(tokens.token("lena", "TEAM_LEAD", "east")), "LEASE");
            ApiResponse raised = onB.withBearer(tokens.token("pia", "PSW", "east"))
                    .post("/api/journals/" + journalId + "/escalations", JournalApi.escalation("URGENT"));
            assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
            String escalationId = raised.body().get("escalationId").asText();
            await("B's delivery held and B killed as it arrived").atMost(Duration.ofSeconds(30))
                    .until(() -> receiver.attemptsFor(escalationId).size() == 1 && !nodeB.isAlive());
            Instant heldAt = receiver.attemptTimesFor(escalationId, "RAISED").get(0);
            JdbcTemplate database = new JdbcTemplate(new DriverManagerDataSource(setting(shared,
                    "spring.datasource.url"), "postgres", "postgres"));
            Instant leaseEnds = database.queryForObject("select next_attempt_at from notification_outbox"
                    + " where status = 'PENDING'", Timestamp.class).toInstant();
            // Claimed until a lease after B's claim, which came just before its delivery arrived.
            assertThat(leaseEnds).as("B's claim").isAfter(heldAt.plus(LEASE.dividedBy(2)));

            try (StandaloneApp nodeA = StandaloneApp.start(workDir.resolve("node-a"),
                    with(shared, "peerjournal.cluster.node-id=node-a"))) {
                await("delivered by A").atMost(LEASE.multipliedBy(3))
                        .until(() -> receiver.deliveredFor(escalationId).size() == 1);
                List<Instant> attempts = receiver.attemptTimesFor(escalationId, "RAISED");
                assertThat(attempts).hasSize(2);
                assertThat(attempts.get(1)).as("A delivered once B's lease was over").isAfterOrEqualTo(leaseEnds);
                await("recorded as delivered").atMost(Duration.ofSeconds(10)).until(() -> database
                        .queryForList("select status from notification_outbox", String.class)
                        .equals(List.of("DELIVERED")));
            }
        } finally {
            receiver.stop();
        }
    }

    /** Both nodes' settings: one database, one identity provider, one signing key, claims that time out soon. */
    private String[] settings(TestTokens tokens) {
        return Stream.of(EmbeddedPostgresStore.freshDatabase(), tokens.settings(), new String[] {
                        SharedSigningKey.settingIn(workDir), "peerjournal.cluster.claim-timeout=" + CLAIM_TIMEOUT,
                        "peerjournal.cluster.node-timeout=PT2S", "peerjournal.cluster.balance-interval=PT0.5S"},
                        PROCESSORS.stream().map(name -> "axon.eventhandling.processors." + name
                                + ".token-claim-interval=500").toArray(String[]::new))
                .flatMap(Stream::of).toArray(String[]::new);
    }

    private static String opened(ApiClient teamLead, String patientRef) {
        ApiResponse opened = teamLead.post("/api/journals", Map.of("patientRef", patientRef, "displayName", "Robin",
                "teamId", "east"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.body().get("journalId").asText();
    }

    private static String setting(String[] settings, String name) {
        return Stream.of(settings).filter(setting -> setting.startsWith(name + "=")).findFirst().orElseThrow()
                .substring(name.length() + 1);
    }

    private static String[] with(String[] settings, String... more) {
        return Stream.concat(Stream.of(settings), Stream.of(more)).toArray(String[]::new);
    }
}
