package org.peerjournal.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.query.audit.AccessLogProjection;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.journal.command.OpenJournalCommand;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.peerjournal.app.audit.AuditApi.PROJECTION_WAIT;
import static org.peerjournal.app.support.ProblemAssertions.assertInvalidField;
import static org.peerjournal.app.support.ProblemAssertions.assertProblem;
import static org.peerjournal.app.support.ProblemAssertions.assertUnauthorized;

/** The patient's access extract (8 kap. 5 § PDL): every journal of the patientRef in any team, every access. */
class AccessExtractIT extends ApiIntegrationTest {

    private static final List<String> EVERYONE_BUT_THE_AUDITOR = List.of("anna", "bo", "clara", "david", "olle");

    @Autowired
    CommandGateway commandGateway;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void theExtractListsEveryAccessToEveryJournalOfThePatientInAnyTeamOldestFirst() {
        Instant from = Instant.now().minusSeconds(1);
        String patientRef = "PR-" + UUID.randomUUID();
        String north = journals.openJournal("david", "north", patientRef);
        String south = openSouthJournal(patientRef);
        await().atMost(PROJECTION_WAIT).until(() -> journals.timeline("clara", north, "").status() == 200);
        await().atMost(PROJECTION_WAIT).until(() -> journals.timeline("bo", south, "").status() == 200);
        journals.openNorthJournal(); // another patient's: never in this extract
        Instant to = Instant.now().plusSeconds(60);

        JsonNode extract = await().atMost(PROJECTION_WAIT).until(() -> ok(patientRef, from, to),
                body -> hasAccess(body, "clara", north) && hasAccess(body, "bo", south));

        assertThat(extract.get("patientRef").asText()).isEqualTo(patientRef);
        assertThat(extract.get("generatedBy").asText()).isEqualTo("eva");
        assertThat(extract.get("journals").findValuesAsText("journalId")).containsExactly(north, south);
        assertThat(extract.get("journals").findValuesAsText("teamId")).containsExactly("north", "south");
        List<Instant> times = new ArrayList<>();
        for (JsonNode access : extract.get("accesses")) {
            assertThat(access.get("journalId").asText()).isIn(north, south);
            times.add(Instant.parse(access.get("at").asText()));
        }
        assertThat(times).isSorted();
        JsonNode bosRead = access(extract, "bo", south);
        assertThat(bosRead.get("teamId").asText()).isEqualTo("south");
        assertThat(bosRead.get("role").asText()).isEqualTo("PSW");
        assertThat(bosRead.get("action").asText()).isEqualTo("timeline");
        assertThat(access(extract, "clara", north).get("role").asText()).isEqualTo("CLINICIAN");
    }

    /** An extract holds every access made before it was asked for: the read answered just before it, unawaited. */
    @Test
    void theExtractHoldsTheReadAnsweredJustBeforeIt() {
        Instant from = Instant.now().minusSeconds(1);
        String patientRef = "PR-" + UUID.randomUUID();
        String journalId = journals.openJournal("david", "north", patientRef);
        assertThat(journals.timeline("clara", journalId, "").status()).isEqualTo(200);

        JsonNode extract = ok(patientRef, from, Instant.now().plusSeconds(60));

        assertThat(hasAccess(extract, "clara", journalId)).as(extract.toString()).isTrue();
    }

    /** While the access log is held back, extracts and reviews are refused (503), never answered incomplete. */
    @Test
    void whileTheAccessLogIsBehindExtractAndReviewAreRefusedRatherThanIncomplete() {
        Instant from = Instant.now().minusSeconds(1);
        String patientRef = "PR-" + UUID.randomUUID();
        String journalId = journals.openJournal("david", "north", patientRef);
        Instant to = Instant.now().plusSeconds(60);
        StreamingEventProcessor accessLog = processing.eventProcessor(AccessLogProjection.NAME,
                StreamingEventProcessor.class).orElseThrow();
        accessLog.shutDown();
        try {
            assertThat(journals.timeline("clara", journalId, "").status()).isEqualTo(200);

            ApiResponse refused = as("eva").get(path(patientRef, from, to));
            assertProblem(refused, 503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertProblem(as("eva").get("/api/audit/access-review?from=" + from + "&to=" + to), 503);
        } finally {
            accessLog.start();
        }
        ApiResponse extract = await().atMost(PROJECTION_WAIT).until(() -> as("eva").get(path(patientRef, from, to)),
                response -> response.status() == 200);
        assertThat(hasAccess(extract.body(), "clara", journalId)).as(extract.toString()).isTrue();
    }

    @Test
    void anUnknownPatientRefIsAnEmptyExtractNotAnError() {
        Instant now = Instant.now();

        JsonNode extract = ok("nobody-" + UUID.randomUUID(), now.minusSeconds(3600), now);

        assertThat(extract.get("journals")).isEmpty();
        assertThat(extract.get("accesses")).isEmpty();
    }

    @Test
    void thePrintableExtractNamesPeriodMakerAndDateAndEscapesWhatItShows() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant to = Instant.now().plusSeconds(60);
        String patientRef = "<script>alert('x')</script>&" + UUID.randomUUID();
        String journalId = journals.openJournal("david", "north", patientRef);
        await().atMost(PROJECTION_WAIT).until(() -> journals.timeline("clara", journalId, "").status() == 200);
        await().atMost(PROJECTION_WAIT).until(() -> hasAccess(ok(patientRef, from, to), "clara", journalId));

        ApiResponse html = as("eva").withHeader("Accept", "text/html").get(path(patientRef, from, to));

        assertThat(html.status()).as(html.toString()).isEqualTo(200);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.rawBody()).doesNotContain("<script>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;")
                .contains("Period: " + from + " to " + to).contains(" by eva").contains("Made: ")
                .contains("<td>clara</td>").contains("<td>CLINICIAN</td>").contains("<td>north</td>")
                .contains(journalId);
    }

    @Test
    void onlyTheAuditorMakesExtracts() {
        Instant now = Instant.now();
        String path = path("anyone", now.minusSeconds(60), now);
        for (String format : List.of("application/json", "text/html")) {
            assertThat(as("eva").withHeader("Accept", format).get(path).status()).isEqualTo(200);
            for (String user : EVERYONE_BUT_THE_AUDITOR) {
                assertProblem(as(user).withHeader("Accept", format).get(path), 403);
            }
            assertUnauthorized(anonymous.withHeader("Accept", format).get(path));
        }
    }

    @Test
    void badWindowsAndAMissingPatientRefAreInvalid() {
        Instant now = Instant.now();
        String base = "/api/audit/access-extract?patientRef=P";
        assertInvalidField(as("eva").get(base + "&from=" + now + "&to=" + now.minusSeconds(1)), "to");
        assertInvalidField(as("eva").get(base + "&from=2010-01-01T00:00:00Z&to=2020-01-01T00:00:01Z"), "to");
        assertThat(as("eva").get(base + "&from=2010-01-01T00:00:00Z&to=2020-01-01T00:00:00Z").status())
                .isEqualTo(200);
        assertInvalidField(as("eva").get(base + "&to=" + now), "from");
        assertInvalidField(as("eva").get(base + "&from=" + now), "to");
        assertInvalidField(as("eva").get(base + "&from=yesterday&to=" + now), "from");
        assertInvalidField(as("eva").get("/api/audit/access-extract?from=" + now.minusSeconds(1) + "&to=" + now),
                "patientRef");
        assertInvalidField(as("eva").get("/api/audit/access-extract?patientRef=%20&from=" + now.minusSeconds(1)
                + "&to=" + now), "patientRef");
    }

    private JsonNode ok(String patientRef, Instant from, Instant to) {
        ApiResponse response = as("eva").get(path(patientRef, from, to));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    private static String path(String patientRef, Instant from, Instant to) {
        return "/api/audit/access-extract?patientRef=" + URLEncoder.encode(patientRef, StandardCharsets.UTF_8)
                + "&from=" + from + "&to=" + to;
    }

    private static boolean hasAccess(JsonNode extract, String user, String journalId) {
        return access(extract, user, journalId) != null;
    }

    private static JsonNode access(JsonNode extract, String user, String journalId) {
        for (JsonNode access : extract.get("accesses")) {
            if (access.get("userId").asText().equals(user) && access.get("journalId").asText().equals(journalId)) {
                return access;
            }
        }
        return null;
    }

    private String openSouthJournal(String patientRef) {
        UUID journalId = UUID.randomUUID();
        commandGateway.sendAndWait(new OpenJournalCommand(journalId, "south", patientRef, "Patient of team south",
                new Actor("sune", Role.TEAM_LEAD, "south")));
        return journalId.toString();
    }
}
