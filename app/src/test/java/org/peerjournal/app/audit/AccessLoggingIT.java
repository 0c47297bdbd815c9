package org.peerjournal.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.EventStreamReader;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.peerjournal.app.audit.AuditApi.PROJECTION_WAIT;
import static org.peerjournal.app.audit.AuditApi.readsBy;

/**
 * Every answer that shows a patient leaves an entry in that patient's access log, naming the user, role, team and
 * the action: one test per read path, through HTTP, checked in the journal's access log.
 */
class AccessLoggingIT extends ApiIntegrationTest {

    private AuditApi audit;

    @BeforeEach
    void auditor() {
        audit = new AuditApi(anonymous);
    }

    @Test
    void theJournalListLogsEveryJournalItShows() {
        String first = journals.openNorthJournal();
        String second = journals.openNorthJournal();

        await().atMost(PROJECTION_WAIT).until(() -> as("clara").getAllPages("/api/journals"),
                list -> list.status() == 200 && list.body().findValuesAsText("journalId").contains(second)
                        && list.body().findValuesAsText("journalId").contains(first));

        for (String journalId : List.of(first, second)) {
            assertLogged(journalId, "clara", "CLINICIAN", "north", "journal-list");
        }
    }

    @Test
    void theTeamOverviewLogsTheJournalsItNames() {
        String withoutContact = journals.openNorthJournal();

        await().atMost(PROJECTION_WAIT).until(() -> as("david").get("/api/teams/north/overview"),
                overview -> overview.status() == 200 && overview.body().get("journalsWithoutContact")
                        .findValuesAsText("journalId").contains(withoutContact));

        assertLogged(withoutContact, "david", "TEAM_LEAD", "north", "team-overview");
    }

    @Test
    void theEscalationQueueLogsTheJournalsOfItsEscalations() {
        String journalId = journals.openNorthJournal();
        String escalationId = journals.raiseEscalation(journalId, "ROUTINE").body().get("escalationId").asText();

        await().atMost(PROJECTION_WAIT).until(() -> as("clara").getAllPages("/api/escalations"),
                queue -> queue.status() == 200 && queue.body().findValuesAsText("escalationId").contains(escalationId));

        assertLogged(journalId, "clara", "CLINICIAN", "north", "escalation-queue");
    }

    @Test
    void eachChangePushedOnTheStreamIsLoggedForTheUserHoldingIt() {
        String journalId = journals.openNorthJournal();
        try (EventStreamReader stream = EventStreamReader.open(baseUrl() + "/api/escalations/stream", "david")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !stream.events("subscribed").isEmpty());

            String escalationId = journals.raiseEscalation(journalId, "ROUTINE").body().get("escalationId")
                    .asText();

            await().atMost(PROJECTION_WAIT).until(() -> stream.events("escalation").stream()
                    .anyMatch(event -> event.json().get("escalationId").asText().equals(escalationId)));
        }
        assertLogged(journalId, "david", "TEAM_LEAD", "north", "escalation-stream");
    }

    @Test
    void theTimelineIsLogged() {
        String journalId = journals.openNorthJournal();

        await().atMost(PROJECTION_WAIT).until(() -> journals.timeline("anna", journalId, "").status() == 200);

        assertLogged(journalId, "anna", "PSW", "north", "timeline");
    }

    @Test
    void theAccessExtractIsLoggedInEveryJournalOfThePatient() {
        String patientRef = "X-" + java.util.UUID.randomUUID();
        String journalId = journals.openJournal("david", "north", patientRef);
        await().atMost(PROJECTION_WAIT).until(() -> extract(patientRef).body().get("journals").size() == 1);

        List<JsonNode> log = audit.awaitAccessLog(journalId,
                entries -> !readsBy(entries, "eva", "audit-access-extract").isEmpty());

        assertThat(readsBy(log, "eva", "audit-access-extract").get(0).get("role").asText()).isEqualTo("AUDITOR");
    }

    @Test
    void aJournalsIntegrityIsLogged() {
        String journalId = journals.openNorthJournal();

        ApiResponse integrity = as("eva").get("/api/audit/journals/" + journalId + "/integrity");

        assertThat(integrity.status()).as(integrity.toString()).isEqualTo(200);
        assertLogged(journalId, "eva", "AUDITOR", null, "audit-integrity");
    }

    private ApiResponse extract(String patientRef) {
        Instant now = Instant.now();
        return as("eva").get("/api/audit/access-extract?patientRef=" + patientRef + "&from=" + now.minusSeconds(60)
                + "&to=" + now.plusSeconds(60));
    }

    /**
     * A read reaches the access log within moments: read events wake the processors, at most every 200 ms. Before,
     * they woke nobody and the access log took them only at its token claim interval, up to 5 s later.
     */
    @Test
    void aReadIsInTheAccessLogWithinMoments() {
        String journalId = journals.openNorthJournal();
        assertThat(journals.timeline("clara", journalId, "").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(2)).until(() -> audit.accessLog(journalId, ""),
                entries -> !readsBy(entries, "clara", "timeline").isEmpty());
    }

    private void assertLogged(String journalId, String user, String role, String team, String action) {
        List<JsonNode> log = audit.awaitAccessLog(journalId, entries -> !readsBy(entries, user, action).isEmpty());
        assertThat(readsBy(log, user, action)).allSatisfy(read -> {
            assertThat(read.get("role").asText()).isEqualTo(role);
            assertThat(read.get("teamId").isNull() ? null : read.get("teamId").asText()).isEqualTo(team);
            assertThat(read.get("journalId").asText()).isEqualTo(journalId);
            assertThat(AuditApi.instant(read.get("at"))).isBefore(Instant.now().plusSeconds(1));
        });
    }
}
