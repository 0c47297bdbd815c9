package org.peerjournal.app.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.StandaloneApp;
import org.peerjournal.app.support.TokenTable;
import org.peerjournal.app.support.WebhookReceiver;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.peerjournal.app.support.ProblemAssertions.assertProblem;

/**
 * Rebuilding the read side (api.md, "Operations"): every replayable projection, replayed from the first event,
 * answers exactly as before; no notification leaves a second time; the side-effect processor is never replayed;
 * and the service keeps answering while a projection rebuilds. The application runs on a store of its own, so the
 * store holds exactly the history built here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectionReplayIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant REPORT_FROM = NOW.minus(Duration.ofDays(40));
    private static final Instant REPORT_TO = NOW.plus(Duration.ofDays(1));
    private static final Duration SETTLE = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;

    private final WebhookReceiver webhook = WebhookReceiver.start();
    private final List<String> journalIds = new ArrayList<>();
    private StandaloneApp app;
    private ApiClient anonymous;
    private JournalApi journals;
    private AdminApi admin;

    @BeforeAll
    void startWithAVariedHistory() {
        app = StandaloneApp.start(dataDir, "peerjournal.escalations.acknowledge-within.immediate=PT3S",
                "peerjournal.notifications.webhook-url=" + webhook.url(),
                "peerjournal.notifications.signing-secret=" + WebhookReceiver.SECRET,
                "peerjournal.notifications.initial-backoff=PT0.2S");
        anonymous = app.client();
        journals = app.journals();
        admin = new AdminApi(anonymous);
        buildHistory();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        webhook.stop();
    }

    @BeforeEach
    void settled() {
        awaitNotificationsDelivered();
        admin.awaitCaughtUp();
    }

    @Test
    void replayingEveryProjectionRebuildsTheSameAnswersAndSendsNothing() {
        // The queue shows each escalation's notification state, which the dispatcher (not a projection) moves on:
        // let every notification of the history be delivered first, so only the replay could change an answer.
        await().atMost(Duration.ofSeconds(30)).until(() -> pendingNotifications() == 0);
        Instant capturedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<String, JsonNode> before = answers(capturedAt);
        admin.awaitCaughtUp();
        assertConsistent(admin.reconciliation());
        int deliveries = webhook.attemptCount();
        long outboxRows = outboxRows();
        assertThat(deliveries).as("the history's escalation changes were notified").isPositive();
        assertThat(outboxRows).isEqualTo(deliveries);

        for (String projection : AdminApi.REPLAYABLE) {
            ApiResponse replay = admin.replay(projection);
            assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
            assertThat(replay.body().path("projection").asText()).isEqualTo(projection);
        }
        admin.awaitCaughtUp();

        Map<String, JsonNode> after = answers(capturedAt);
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        before.forEach((answer, was) -> assertThat(after.get(answer)).as(answer + " after the replay").isEqualTo(was));
        admin.awaitCaughtUp();
        assertConsistent(admin.reconciliation());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> webhook.attemptCount() == deliveries && outboxRows() == outboxRows);
    }

    @Test
    void theNotificationProcessorIsListedButNeverReplayed() {
        JsonNode notifications = admin.projection("escalation-notifications");
        assertThat(notifications.path("replayable").asBoolean()).isFalse();
        long position = notifications.path("position").asLong();

        JsonNode refused = assertProblem(admin.replay("escalation-notifications"), 409);
        assertThat(refused.path("detail").asText()).contains("escalation-notifications");

        JsonNode afterwards = admin.projection("escalation-notifications");
        assertThat(afterwards.path("state").asText()).isEqualTo("RUNNING");
        assertThat(afterwards.path("position").asLong()).as("not reset").isEqualTo(position);
        assertThat(outboxRows()).isEqualTo(webhook.attemptCount());
    }

    @Test
    void anUnknownProjectionIsNotFound() {
        assertProblem(admin.replay("nope"), 404);
        assertThat(admin.projections().findValuesAsText("name")).containsExactlyElementsOf(AdminApi.PROCESSORS);
    }

    /**
     * docs/operations.md, "Replaying a projection": while a replay of a projection is under way (here the row another
     * node leaves while it replays), a second one is refused with 409 and resets nothing, and the projection runs
     * again once the other is over; a row older than twice the replay timeout (30 s by default), left by a node that
     * died, is ignored.
     */
    @Test
    void aReplayUnderWayElsewhereIsRefusedAndOneLeftByANodeThatDiedIsIgnored() {
        JdbcTemplate jdbc = jdbc();
        String insertReplay = "insert into projection_replay (processor_name, requested_by, requested_at)"
                + " values ('timeline', ?, ?)";
        jdbc.update(insertReplay, "node-replaying-it", Timestamp.from(Instant.now()));
        try {
            assertProblem(admin.replay("timeline"), 409);
            // Not the status's position: this node meanwhile stops its own timeline processor, as it would for
            // another node's replay, and a stopped processor reports its stored tokens, which may trail the events
            // it skipped. A reset would have stored replay tokens.
            assertThat(TokenTable.tokenTypes(jdbc, "timeline")).as("not reset").isNotEmpty()
                    .noneMatch(type -> type.contains("ReplayToken"));
        } finally {
            jdbc.update("delete from projection_replay where requested_by = 'node-replaying-it'");
        }
        await("the timeline running again once the other replay is over").atMost(SETTLE)
                .until(() -> "RUNNING".equals(admin.projection("timeline").path("state").asText()));

        jdbc.update(insertReplay, "node-that-died", Timestamp.from(Instant.now().minus(Duration.ofMinutes(2))));
        try {
            assertThat(admin.replay("timeline").status()).isEqualTo(202);
            admin.awaitRebuilt("timeline");
            assertThat(jdbc.queryForObject("select count(*) from projection_replay", Long.class)).isZero();
        } finally {
            jdbc.update("delete from projection_replay where requested_by = 'node-that-died'");
        }
    }

    @Test
    void theServiceKeepsAnsweringWhileAProjectionIsReplayed() throws Exception {
        // Opened after the whole history, so a rebuild reaches this journal last.
        String journalId = journals.openNorthJournal();
        journals.recordNote(journalId, "Walked to the pharmacy together.");
        journals.recordNote(journalId, "Talked about the new flat.");
        JsonNode complete = journals.awaitTimelineEntries(journalId, "includeRetracted=true", 2).body();

        AtomicBoolean rebuilt = new AtomicBoolean();
        List<String> reads = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            while (!rebuilt.get()) {
                reads.add(describe(timelineOf(journalId)));
            }
        });
        try {
            await().atMost(SETTLE).until(() -> !reads.isEmpty());
            assertThat(admin.replay("timeline").status()).isEqualTo(202);
            // The reader's own reads keep adding events: wait for the rebuild to end, not for lag 0.
            admin.awaitRebuilt("timeline");
        } finally {
            rebuilt.set(true);
        }
        reader.get(30, TimeUnit.SECONDS);

        assertThat(reads).as("timeline reads while the timeline rebuilds (status and entries; partial is fine)")
                .allSatisfy(read -> assertThat(read).matches("200 \\d+"));
        admin.awaitCaughtUp();
        assertThat(timelineOf(journalId).body().get("entries")).isEqualTo(complete.get("entries"));
    }

    private ApiResponse timelineOf(String journalId) {
        return journals.timeline("clara", journalId, "includeRetracted=true");
    }

    private static String describe(ApiResponse read) {
        return read.status() + " " + (read.status() == 200 ? read.body().path("totalEntries").asText() : "");
    }

    /** The answers the read side gives about the history, keyed by what was asked. */
    private Map<String, JsonNode> answers(Instant accessLogUntil) {
        ApiClient clara = anonymous.as("clara");
        ApiClient david = anonymous.as("david");
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (String journalId : journalIds) {
            ObjectNode timeline = (ObjectNode) ok(clara.get("/api/journals/" + journalId
                    + "/timeline?includeRetracted=true&size=200"));
            answers.put("timeline of " + journalId, timeline);
        }
        answers.put("escalation queue", ok(clara.getAllPages("/api/escalations")));
        ObjectNode overview = (ObjectNode) ok(david.get("/api/teams/north/overview"));
        overview.remove("asOf");
        answers.put("team overview", overview);
        answers.put("journal list", ok(clara.getAllPages("/api/journals")));
        answers.put("contact report", ok(david.get("/api/reports/contacts?teamId=north&from=" + REPORT_FROM
                + "&to=" + REPORT_TO)));
        for (String journalId : journalIds) {
            answers.put("access log of " + journalId, ok(anonymous.as("eva").get("/api/audit/journals/" + journalId
                    + "/access-log?to=" + accessLogUntil)));
        }
        return answers;
    }

    private static JsonNode ok(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    private static void assertConsistent(JsonNode reconciliation) {
        assertThat(reconciliation.path("consistent").asBoolean()).as(reconciliation.toString()).isTrue();
    }

    /**
     * Four journals of team north: notes of several contact types (one corrected, two retracted, one late, one
     * older than the overview's 14 days), escalations that went overdue (one left open, one acknowledged after),
     * one acknowledged and one resolved, loyalty conflicts flagged, discussed and resolved, and timeline reads.
     */
    private void buildHistory() {
        String first = journals.openNorthJournal();
        String second = journals.openNorthJournal();
        String third = journals.openNorthJournal();
        String withoutNotes = journals.openNorthJournal();
        journalIds.addAll(List.of(first, second, third, withoutNotes));

        String corrected = note(first, "INDIVIDUAL_CONVERSATION", Duration.ofHours(5), "Talked about sleep.");
        created(as("anna").post(notePath(first, corrected) + "/corrections",
                Map.of("text", "Talked about sleep and appetite.", "reason", "Appetite was left out.")));
        note(first, "HOME_VISIT", Duration.ofDays(3), "Visited at home, recorded late.");
        String retractedByLead = note(first, "PHONE_OR_VIDEO", Duration.ofHours(2), "Wrong patient.");
        ok(as("david").post(notePath(first, retractedByLead) + "/retraction", Map.of("reason", "Wrong journal.")));
        note(second, "GROUP_SESSION", Duration.ofHours(1), "Group on coping skills.");
        String retractedByAuthor = note(second, "OTHER", Duration.ofHours(4), "Duplicate of the group note.");
        ok(as("anna").post(notePath(second, retractedByAuthor) + "/retraction", Map.of("reason", "Duplicate.")));
        note(third, "ACCOMPANIED_APPOINTMENT", Duration.ofDays(20), "Went to the psychiatrist together.");

        String overdueOpen = escalation(second, "IMMEDIATE");
        String overdueAcknowledged = escalation(second, "IMMEDIATE");
        String acknowledged = escalation(first, "URGENT");
        String resolved = escalation(third, "ROUTINE");
        ok(journals.acknowledge("clara", first, acknowledged, "Called her back."));
        ok(journals.acknowledge("david", third, resolved, "Met the same day."));
        ok(journals.resolve("david", third, resolved, "Safety plan in place."));
        await().atMost(SETTLE).until(() -> overdue(overdueOpen) && overdue(overdueAcknowledged));
        ok(journals.acknowledge("clara", second, overdueAcknowledged, "Visited after the deadline."));

        String discussedAndResolved = conflict(first, "MEDICATION", true);
        created(as("clara").post(conflictPath(first, discussedAndResolved) + "/discussions",
                Map.of("forum", "SUPERVISION", "summary", "Supervision held on the medication question.")));
        ok(as("david").post(conflictPath(first, discussedAndResolved) + "/resolution",
                Map.of("resolution", "Agreed to raise it at the next review.")));
        String awaitingSupervision = conflict(first, "CONFIDENTIALITY", true);
        created(as("anna").post(conflictPath(first, awaitingSupervision) + "/discussions",
                Map.of("forum", "TEAM_MEETING", "summary", "Raised at the team meeting.")));
        String resolvedByFlagger = conflict(third, "OTHER", false);
        ok(as("anna").post(conflictPath(third, resolvedByFlagger) + "/resolution",
                Map.of("resolution", "Cleared up with the ward.")));

        for (String reader : List.of("anna", "clara", "david")) {
            for (String journalId : journalIds) {
                ok(journals.timeline(reader, journalId, ""));
            }
        }
    }

    private ApiClient as(String user) {
        return anonymous.as(user);
    }

    private String note(String journalId, String contactType, Duration ago, String text) {
        Map<String, Object> body = JournalApi.note(text, NOW.minus(ago));
        body.put("contactType", contactType);
        return created(as("anna").post("/api/journals/" + journalId + "/notes", body)).get("noteId").asText();
    }

    private String escalation(String journalId, String severity) {
        return journals.raiseEscalation(journalId, severity).body().get("escalationId").asText();
    }

    private String conflict(String journalId, String kind, boolean supervisionRequested) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("description", "The ward wants her to take the depot injection.");
        body.put("patientPerspective", "She wants to try without.");
        body.put("staffPerspective", "The ward expects me to persuade her.");
        body.put("supervisionRequested", supervisionRequested);
        return created(as("anna").post("/api/journals/" + journalId + "/loyalty-conflicts", body))
                .get("conflictId").asText();
    }

    private static String notePath(String journalId, String noteId) {
        return "/api/journals/" + journalId + "/notes/" + noteId;
    }

    private static String conflictPath(String journalId, String conflictId) {
        return "/api/journals/" + journalId + "/loyalty-conflicts/" + conflictId;
    }

    private static JsonNode created(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.body();
    }

    private boolean overdue(String escalationId) {
        for (JsonNode escalation : as("clara").getAllPages("/api/escalations").body()) {
            if (escalationId.equals(escalation.path("escalationId").asText())) {
                return escalation.path("overdue").asBoolean();
            }
        }
        return false;
    }

    /** Every notification of the history has left and arrived, so the escalation queue's delivery state holds. */
    private void awaitNotificationsDelivered() {
        await().atMost(SETTLE).until(() -> outboxRows() > 0
                && jdbc().queryForObject("select count(*) from notification_outbox where status <> 'DELIVERED'",
                        Long.class) == 0
                && webhook.attemptCount() == outboxRows());
    }

    private long pendingNotifications() {
        return jdbc().queryForObject("select count(*) from notification_outbox where status = 'PENDING'", Long.class);
    }

    private long outboxRows() {
        return jdbc().queryForObject("select count(*) from notification_outbox", Long.class);
    }

    private JdbcTemplate jdbc() {
        return app.bean(JdbcTemplate.class);
    }
}
