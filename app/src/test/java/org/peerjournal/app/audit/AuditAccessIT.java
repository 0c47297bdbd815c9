package org.peerjournal.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.journal.command.OpenJournalCommand;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.peerjournal.app.audit.AuditApi.ACCESS_LOG;
import static org.peerjournal.app.audit.AuditApi.ENDPOINTS;
import static org.peerjournal.app.audit.AuditApi.EVENTS;
import static org.peerjournal.app.audit.AuditApi.INCIDENT_REPORT;
import static org.peerjournal.app.audit.AuditApi.TIMELINE;
import static org.peerjournal.app.audit.AuditApi.path;
import static org.peerjournal.app.audit.AuditApi.readsBy;
import static org.peerjournal.app.support.ProblemAssertions.assertInvalidField;
import static org.peerjournal.app.support.ProblemAssertions.assertProblem;
import static org.peerjournal.app.support.ProblemAssertions.assertUnauthorized;

/**
 * Who reaches the audit views (api.md: AUDITOR only, every team), what they refuse, and what the access log records:
 * every successful read of a journal's content, and nothing for a read that was refused.
 */
class AuditAccessIT extends ApiIntegrationTest {

    private static final List<String> EVERYONE_BUT_THE_AUDITOR = List.of("anna", "bo", "clara", "david", "olle");
    private static final List<String> FORMATS = List.of("application/json", "text/markdown", "text/html");

    @Autowired
    CommandGateway commandGateway;

    private AuditApi audit;

    @BeforeEach
    void auditor() {
        audit = new AuditApi(anonymous);
    }

    @Test
    void onlyTheAuditorReachesTheAuditViewsOfJournalsOfEveryTeam() {
        String north = journals.openNorthJournal();
        journals.recordNote(north, "Walked to the pharmacy together.");
        String south = openSouthJournal();

        for (String journalId : List.of(north, south)) {
            for (String endpoint : ENDPOINTS) {
                String path = path(journalId, endpoint);
                ApiResponse eva = as("eva").get(path);
                assertThat(eva.status()).as("eva " + path + ": " + eva).isEqualTo(200);
                assertThat(eva.contentType()).as(path).startsWith("application/json");
                for (String user : EVERYONE_BUT_THE_AUDITOR) {
                    assertProblem(as(user).get(path), 403);
                }
                assertUnauthorized(anonymous.get(path));
            }
        }
        assertThat(audit.ok(south, TIMELINE, "").get("teamId").asText()).isEqualTo("south");
        assertThat(audit.ok(north, TIMELINE, "").get("entries")).hasSize(1);
    }

    @Test
    void theIncidentReportIsRefusedToEveryoneButTheAuditorInEveryFormat() {
        String journalId = journals.openNorthJournal();
        String path = path(journalId, INCIDENT_REPORT);

        for (String format : FORMATS) {
            ApiResponse eva = as("eva").withHeader("Accept", format).get(path);
            assertThat(eva.status()).as(format + ": " + eva).isEqualTo(200);
            assertThat(eva.contentType()).startsWith(format);
            for (String user : EVERYONE_BUT_THE_AUDITOR) {
                ApiResponse refused = as(user).withHeader("Accept", format).get(path);
                assertProblem(refused, 403);
                assertThat(refused.rawBody()).doesNotContain(journalId);
            }
            assertUnauthorized(anonymous.withHeader("Accept", format).get(path));
        }
    }

    @Test
    void errorsAreProblemsWhateverFormatWasAskedFor() {
        String journalId = journals.openNorthJournal();
        String unknown = UUID.randomUUID().toString();

        for (String format : FORMATS) {
            assertProblem(as("eva").withHeader("Accept", format).get(path(unknown, INCIDENT_REPORT)), 404);
            assertInvalidField(as("eva").withHeader("Accept", format).get(path("not-a-uuid", INCIDENT_REPORT)),
                    "journalId");
            assertInvalidField(as("eva").withHeader("Accept", format)
                    .get(path(journalId, INCIDENT_REPORT) + "?from=2026-11-20T14:00:00Z&to=2026-11-20T13:00:00Z"),
                    "to");
        }
    }

    @Test
    void anUnknownJournalIsNotFoundAndAMalformedIdIsInvalid() {
        String unknown = UUID.randomUUID().toString();
        for (String endpoint : ENDPOINTS) {
            assertProblem(as("eva").get(path(unknown, endpoint)), 404);
            assertInvalidField(as("eva").get(path("not-a-uuid", endpoint)), "journalId");
        }
    }

    @Test
    void malformedOrInconsistentParametersAreRejected() {
        String journalId = journals.openNorthJournal();
        ApiResponse eva;

        assertInvalidField(get(journalId, TIMELINE, "asOf=yesterday"), "asOf");
        assertInvalidField(get(journalId, TIMELINE, "asOf=2026-13-01T00:00:00Z"), "asOf");
        for (String endpoint : List.of(ACCESS_LOG, INCIDENT_REPORT)) {
            assertInvalidField(get(journalId, endpoint, "from=2026-11-20T14:00:00Z&to=2026-11-20T13:00:00Z"),
                    "to");
            assertInvalidField(get(journalId, endpoint, "from=2026-11-20T14:00:00Z&to=2026-11-20T14:00:00Z"),
                    "to");
            assertInvalidField(get(journalId, endpoint, "from=last-week"), "from");
            assertInvalidField(get(journalId, endpoint, "to=soon"), "to");
        }
        assertInvalidField(get(journalId, EVENTS, "size=0"), "size");
        assertInvalidField(get(journalId, EVENTS, "size=201"), "size");
        assertInvalidField(get(journalId, EVENTS, "page=-1"), "page");
        eva = get(journalId, EVENTS, "size=200");
        assertThat(eva.status()).as(eva.toString()).isEqualTo(200);
        assertThat(eva.body().get("events")).hasSize(1);
        eva = get(journalId, EVENTS, "size=1&page=1");
        assertThat(eva.status()).as(eva.toString()).isEqualTo(200);
        assertThat(eva.body().get("events")).isEmpty();
    }

    @Test
    void aReadByTheTeamIsLoggedButARefusedReadIsNot() {
        String journalId = journals.openNorthJournal();
        journals.recordNote(journalId, "Went to the housing office together.");

        // Until the read side has the journal clara gets 404, which is not a read either; the first 200 is.
        await().atMost(AuditApi.PROJECTION_WAIT)
                .until(() -> journals.timeline("clara", journalId, "").status() == 200);
        assertProblem(journals.timeline("bo", journalId, ""), 404);
        assertProblem(journals.timeline("eva", journalId, ""), 403);
        assertProblem(journals.timeline("olle", journalId, ""), 403);
        assertUnauthorized(anonymous.get("/api/journals/" + journalId + "/timeline"));
        assertProblem(as("anna").get(path(journalId, EVENTS)), 403);
        assertInvalidField(get(journalId, EVENTS, "size=0"), "size");
        assertInvalidField(get(journalId, INCIDENT_REPORT, "from=2026-11-20T14:00:00Z&to=2026-11-20T13:00:00Z"),
                "to");
        // A second read by clara after the refusals: the access log is projected by a single segment, in the
        // order reads were stored, so once this one is listed a refused read would be listed too had it been logged.
        assertThat(journals.timeline("clara", journalId, "types=NOTE").status()).isEqualTo(200);

        List<JsonNode> log = audit.awaitAccessLog(journalId,
                entries -> readsBy(entries, "clara", "timeline").size() >= 2);

        assertThat(readsBy(log, "clara", "timeline")).hasSize(2).allSatisfy(read -> {
            assertThat(read.get("role").asText()).isEqualTo("CLINICIAN");
            assertThat(read.get("teamId").asText()).isEqualTo("north");
        });
        assertThat(log).extracting(entry -> entry.get("userId").asText() + " " + entry.get("action").asText())
                .as("only clara's reads and eva's look at the log itself")
                .contains("clara timeline").isSubsetOf("clara timeline", "eva audit-access-log");
    }

    @Test
    void everyAuditCallIsItselfLoggedBeforeItIsAnswered() {
        String journalId = journals.openNorthJournal();

        // The access log is read first, so its own entry comes before the others, apart from the polls below.
        audit.accessLog(journalId, "");
        audit.ok(journalId, TIMELINE, "");
        audit.ok(journalId, EVENTS, "");
        for (String format : FORMATS) {
            assertThat(audit.incidentReport(journalId, format).status()).isEqualTo(200);
        }

        List<JsonNode> log = audit.awaitAccessLog(journalId,
                entries -> readsBy(entries, "eva", "audit-incident-report").size() == FORMATS.size());

        assertThat(log.subList(0, 6)).extracting(entry -> entry.get("action").asText()).containsExactly(
                "audit-access-log", "audit-timeline", "audit-events", "audit-incident-report",
                "audit-incident-report", "audit-incident-report");
        assertThat(log).allSatisfy(read -> {
            assertThat(read.get("userId").asText()).isEqualTo("eva");
            assertThat(read.get("role").asText()).isEqualTo("AUDITOR");
        });
    }

    private ApiResponse get(String journalId, String endpoint, String query) {
        return as("eva").get(path(journalId, endpoint) + "?" + query);
    }

    /**
     * No demo user leads team south, so its journal is opened by a command from a team lead of south, the way the
     * HTTP endpoint would send it.
     */
    private String openSouthJournal() {
        UUID journalId = UUID.randomUUID();
        commandGateway.sendAndWait(new OpenJournalCommand(journalId, "south", "S-" + journalId,
                "Patient of team south", new Actor("sune", Role.TEAM_LEAD, "south")));
        // Bo, of team south, can read it once the read side has it; clara, of north, cannot.
        await().atMost(AuditApi.PROJECTION_WAIT)
                .until(() -> journals.timeline("bo", journalId.toString(), "").status() == 200);
        assertProblem(journals.timeline("clara", journalId.toString(), ""), 404);
        return journalId.toString();
    }
}
