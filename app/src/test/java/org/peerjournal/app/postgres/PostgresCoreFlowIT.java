package org.peerjournal.app.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.ConflictingAppend;
import org.peerjournal.app.support.EmbeddedPostgresStore;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.StandaloneApp;
import org.peerjournal.app.support.TestTokens;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The production profile on a real PostgreSQL: schema from the PostgreSQL migrations, bearer JWTs, no demo users,
 * and the core flows end to end.
 */
class PostgresCoreFlowIT {

    @TempDir
    static Path workDir;

    private static StandaloneApp app;
    private static TestTokens tokens;

    @BeforeAll
    static void start() {
        tokens = TestTokens.create(workDir);
        app = StandaloneApp.start(workDir, Stream.of(EmbeddedPostgresStore.freshDatabase(), tokens.settings(),
                new String[] {"peerjournal.escalations.acknowledge-within.immediate=PT3S"})
                .flatMap(Stream::of).toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void notesCorrectionsRetractionsAndTheTimelineWorkOnPostgres() {
        String journalId = openJournal("PG-1");
        ApiClient psw = as("pia", "PSW");
        String noteId = psw.post("/api/journals/" + journalId + "/notes", JournalApi.note("First visit."))
                .body().get("noteId").asText();
        String second = psw.post("/api/journals/" + journalId + "/notes", JournalApi.note("Phone call."))
                .body().get("noteId").asText();
        assertThat(psw.post("/api/journals/" + journalId + "/notes/" + noteId + "/corrections",
                Map.of("text", "First visit, at home.", "reason", "Place")).status()).isEqualTo(201);
        assertThat(psw.post("/api/journals/" + journalId + "/notes/" + second + "/retraction",
                Map.of("reason", "Wrong patient")).status()).isEqualTo(200);

        ApiClient clinician = as("cleo", "CLINICIAN");
        ApiResponse timeline = await().atMost(Duration.ofSeconds(15))
                .until(() -> clinician.get("/api/journals/" + journalId + "/timeline?includeRetracted=true"),
                        r -> r.status() == 200 && r.body().get("totalEntries").asInt() == 2
                                && r.body().toString().contains("RETRACTED")
                                && r.body().toString().contains("First visit, at home."));
        assertThat(timeline.body().toString()).contains("First visit.").contains("Wrong patient");
        assertThat(timeline.body().get("entries").findValues("revisions"))
                .as("the corrected note keeps both revisions").anySatisfy(revisions -> assertThat(revisions).hasSize(2));
    }

    @Test
    void anEscalationGoesOverdueAndIsAcknowledgedOnPostgres() {
        String journalId = openJournal("PG-2");
        ApiResponse raised = as("pia", "PSW").post("/api/journals/" + journalId + "/escalations",
                JournalApi.escalation("IMMEDIATE"));
        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        String escalationId = raised.body().get("escalationId").asText();

        ApiClient clinician = as("cleo", "CLINICIAN");
        await().atMost(Duration.ofSeconds(30)).until(() -> clinician.getAllPages("/api/escalations").body().toString(),
                body -> body.contains(escalationId) && body.contains("\"overdue\":true"));
        assertThat(clinician.post("/api/journals/" + journalId + "/escalations/" + escalationId
                + "/acknowledgement", Map.of("actionTaken", "Called.")).status()).isEqualTo(200);
        assertThat(clinician.post("/api/journals/" + journalId + "/escalations/" + escalationId
                + "/acknowledgement", Map.of("actionTaken", "Again.")).status()).isEqualTo(409);
    }

    @Test
    void auditAndReconciliationWorkOnPostgres() {
        String journalId = openJournal("PG-3");
        as("pia", "PSW").post("/api/journals/" + journalId + "/notes", JournalApi.note("Walk."));
        ApiResponse events = as("ines", "AUDITOR").get("/api/audit/journals/" + journalId + "/events");
        assertThat(events.body().get("totalEvents").asInt()).isEqualTo(2);
        assertThat(events.body().get("events").get(1).get("actor").get("userId").asText()).isEqualTo("pia");
        // The access log is on PostgreSQL with the other read models (on H2 in a file of its own, ADR 0019).
        ApiClient clinician = as("cleo", "CLINICIAN");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> clinician.get("/api/journals/" + journalId + "/timeline").status(), status -> status == 200);
        String accessLog = "/api/audit/journals/" + journalId + "/access-log?from=" + Instant.now().minus(Duration
                .ofHours(1)) + "&to=" + Instant.now().plus(Duration.ofHours(1)) + "&page=0&size=10";
        await().atMost(Duration.ofSeconds(15)).until(() -> as("ines", "AUDITOR").get(accessLog).body().toString(),
                body -> body.contains("\"userId\":\"cleo\"") && body.contains("\"action\":\"timeline\""));
        await().atMost(Duration.ofSeconds(15)).until(
                () -> as("olle", "ADMIN").get("/api/admin/reconciliation").body().get("consistent").asBoolean());
    }

    /** The embedded store's backups are not PostgreSQL's: there the database's own apply (docs/operations.md). */
    @Test
    void theEmbeddedStoresBackupPathAnswers404OnPostgres() {
        ApiResponse backup = as("olle", "ADMIN").post("/api/admin/store/backups", Map.of());
        assertThat(backup.status()).as(backup.toString()).isEqualTo(404);
    }

    /** On PostgreSQL a replay empties the tables by TRUNCATE inside the reset's transaction (ProjectionTables). */
    @Test
    void aReplayRebuildsTheTimelineAndTheContactReportOnPostgres() {
        String journalId = openJournal("PG-5");
        ApiClient psw = as("pia", "PSW");
        assertThat(psw.post("/api/journals/" + journalId + "/notes", JournalApi.note("Coffee together.")).status())
                .isEqualTo(201);
        String wrong = psw.post("/api/journals/" + journalId + "/notes", JournalApi.note("Wrong patient."))
                .body().get("noteId").asText();
        assertThat(psw.post("/api/journals/" + journalId + "/notes/" + wrong + "/retraction",
                Map.of("reason", "Wrong patient")).status()).isEqualTo(200);
        String timeline = "/api/journals/" + journalId + "/timeline?includeRetracted=true";
        String report = "/api/reports/contacts?teamId=east&from=" + Instant.now().minus(Duration.ofDays(400))
                + "&to=" + Instant.now();
        ApiClient clinician = as("cleo", "CLINICIAN");
        ApiClient lead = as("lena", "TEAM_LEAD");
        ApiClient admin = as("olle", "ADMIN");
        await().atMost(Duration.ofSeconds(15)).until(() -> admin.get("/api/admin/reconciliation").body()
                .get("consistent").asBoolean() && lead.get(report).body().toString().contains(journalId));
        JsonNode timelineBefore = clinician.get(timeline).body();
        JsonNode reportBefore = lead.get(report).body();

        for (String projection : List.of("timeline", "journal-directory")) {
            ApiResponse replay = admin.postBytes("/api/admin/projections/" + projection + "/replay", new byte[0],
                    null);
            assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(clinician.get(timeline).body()).isEqualTo(timelineBefore);
            assertThat(lead.get(report).body()).isEqualTo(reportBefore);
        });
    }

    @Test
    void payloadsAreByteaAndTheDatabaseRefusesRewrites() {
        String journalId = openJournal("PG-4");
        JdbcTemplate jdbc = app.bean(JdbcTemplate.class);
        List<String> types = jdbc.queryForList("select data_type from information_schema.columns"
                + " where table_name = 'domain_event_entry' and column_name in ('payload', 'meta_data')", String.class);
        assertThat(types).containsOnly("bytea");
        assertThatThrownBy(() -> jdbc.update("update domain_event_entry set payload_type = 'x'"
                + " where aggregate_identifier = ?", journalId)).hasMessageContaining("never updated or deleted");
        assertThatThrownBy(() -> jdbc.update("delete from domain_event_entry where aggregate_identifier = ?",
                journalId)).hasMessageContaining("never updated or deleted");
        assertThatThrownBy(() -> jdbc.execute("truncate domain_event_entry"))
                .hasMessageContaining("never updated or deleted");
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Integer.class, journalId)).isEqualTo(1);
    }

    @Test
    void theDemoUsersDoNotExistOnPostgres() {
        assertThat(app.client().as("david").getAllPages("/api/journals").status()).isEqualTo(401);
    }

    @Test
    void anAppendAtATakenSequenceNumberIsRefusedAsAConcurrentChange() {
        String journalId = openJournal("PG-6");
        ApiResponse note = as("pia", "PSW").post("/api/journals/" + journalId + "/notes",
                JournalApi.note("Sequence number 1."));
        assertThat(note.status()).as(note.toString()).isEqualTo(201);

        ConflictingAppend.isRefusedAsConcurrentAndLeavesNothing(app.bean(PlatformTransactionManager.class),
                app.bean(EventStore.class), app.bean(JdbcTemplate.class), journalId, 1);
    }

    private static String openJournal(String patientRef) {
        ApiResponse opened = as("lena", "TEAM_LEAD").post("/api/journals",
                Map.of("patientRef", patientRef, "displayName", "Patient " + patientRef, "teamId", "east"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.body().get("journalId").asText();
    }

    private static ApiClient as(String user, String role) {
        String team = role.equals("AUDITOR") || role.equals("ADMIN") ? null : "east";
        return app.client().withBearer(tokens.token(user, role, team));
    }
}
