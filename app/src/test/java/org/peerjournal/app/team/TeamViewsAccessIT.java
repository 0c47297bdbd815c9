package org.peerjournal.app.team;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.peerjournal.app.support.ProblemAssertions.assertInvalidField;
import static org.peerjournal.app.support.ProblemAssertions.assertProblem;
import static org.peerjournal.app.support.ProblemAssertions.assertUnauthorized;
import static org.peerjournal.app.support.ProblemAssertions.fields;
import static org.peerjournal.app.team.TeamFixtures.elementWith;
import static org.peerjournal.app.team.TeamFixtures.note;

/**
 * Who may see the team views and with what parameters (api.md, "Timelines and team views", "Errors"): the overview
 * for the team's clinicians and team lead, the contact report for its team lead only, in JSON or CSV, and never
 * with a patient's name or reference. Team north is shared with every other test, so only the journals made here
 * are looked at.
 */
class TeamViewsAccessIT extends ApiIntegrationTest {

    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(20);
    private static final String OVERVIEW = "/api/teams/north/overview";
    private static final String CSV = "text/csv";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"clara, 200", "david, 200", "anna, 403", "bo, 403", "eva, 403", "olle, 403", "anonymous, 401"})
    void theOverviewIsForTheTeamsCliniciansAndTeamLead(String caller, int expected) {
        ApiResponse response = client(caller).get(OVERVIEW);

        assertThat(response.status()).as(response.toString()).isEqualTo(expected);
        if (expected == 200) {
            assertThat(response.contentType()).startsWith("application/json");
            assertThat(response.body().get("teamId").asText()).isEqualTo("north");
            assertThat(response.body().get("withoutContactDays").asInt()).isEqualTo(14);
        } else if (expected == 401) {
            assertUnauthorized(response);
        } else {
            assertProblem(response, expected);
        }
    }

    @Test
    void aNewJournalWithoutContactShowsInTheOverviewOfItsTeamOnly() {
        String journalId = journals.openNorthJournal();

        JsonNode overview = await().atMost(PROJECTION_WAIT).until(() -> as("clara").get(OVERVIEW),
                r -> r.status() == 200 && r.body().get("journalsWithoutContact").findValuesAsText("journalId")
                        .contains(journalId)).body();

        JsonNode entry = elementWith(overview.get("journalsWithoutContact"), "journalId", journalId);
        assertThat(entry.get("lastContactAt").isNull()).isTrue();
        assertThat(entry.get("displayName").asText()).startsWith("Patient P-");
        assertThat(overview.get("journals").asInt()).isPositive();
        assertThat(as("david").get(OVERVIEW).body().get("journalsWithoutContact").findValuesAsText("journalId"))
                .contains(journalId);
    }

    @ParameterizedTest(name = "{0} asks for team {1}")
    @CsvSource({"david, south", "clara, south", "david, west", "bo, south"})
    void anotherTeamsOverviewIsForbidden(String caller, String team) {
        ApiResponse response = as(caller).get("/api/teams/" + team + "/overview");

        assertProblem(response, 403);
        assertThat(response.rawBody()).doesNotContain("journalsWithoutContact");
    }

    @ParameterizedTest(name = "withoutContactDays={0}")
    @ValueSource(strings = {"0", "-1", "3651", "4000", "abc", "1.5", ""})
    void anOutOfRangeOrMalformedThresholdIsABadRequestNamingIt(String value) {
        ApiResponse response = as("david").get(OVERVIEW + "?withoutContactDays=" + value);

        if (value.isEmpty()) {
            // An empty parameter is no value: the default applies.
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.body().get("withoutContactDays").asInt()).isEqualTo(14);
            return;
        }
        assertInvalidField(response, "withoutContactDays");
        assertThat(fields(response)).containsOnly("withoutContactDays");
    }

    @ParameterizedTest(name = "withoutContactDays={0}")
    @ValueSource(ints = {1, 30, 3650})
    void theThresholdsLimitsThemselvesAreAccepted(int days) {
        ApiResponse response = as("clara").get(OVERVIEW + "?withoutContactDays=" + days);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body().get("withoutContactDays").asInt()).isEqualTo(days);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"david, 200", "clara, 403", "anna, 403", "bo, 403", "eva, 403", "olle, 403", "anonymous, 401"})
    void theContactReportIsForTheTeamLeadOnlyInJsonAndCsv(String caller, int expected) {
        String query = reportQuery("north", Instant.now().minus(Duration.ofDays(30)), Instant.now());

        ApiResponse json = client(caller).get(query);
        ApiResponse csv = client(caller).withHeader("Accept", CSV).get(query);

        assertThat(json.status()).as(json.toString()).isEqualTo(expected);
        assertThat(csv.status()).as(csv.toString()).isEqualTo(expected);
        if (expected == 200) {
            assertThat(json.contentType()).startsWith("application/json");
            assertThat(json.body().get("teamId").asText()).isEqualTo("north");
            assertThat(json.body().get("rows").isArray()).isTrue();
            assertThat(csv.contentType()).startsWith(CSV);
            assertThat(csv.rawBody()).startsWith("journalId,contactType,contacts,totalMinutes\r\n");
        } else if (expected == 401) {
            assertUnauthorized(json);
            assertUnauthorized(csv);
        } else {
            assertProblem(json, expected);
            assertProblem(csv, expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"south", "west"})
    void theTeamLeadMayNotSeeAnotherTeamsReport(String team) {
        String query = reportQuery(team, Instant.now().minus(Duration.ofDays(30)), Instant.now());

        assertProblem(as("david").get(query), 403);
        assertProblem(as("david").withHeader("Accept", CSV).get(query), 403);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "without from                    | teamId=north&to=2026-11-20T00:00:00Z                           | from",
        "without to                      | teamId=north&from=2026-11-01T00:00:00Z                         | to",
        "without teamId                  | from=2026-11-01T00:00:00Z&to=2026-11-20T00:00:00Z              | teamId",
        "from after to                   | teamId=north&from=2026-11-20T00:00:00Z&to=2026-11-01T00:00:00Z | to",
        "from equal to to                | teamId=north&from=2026-11-20T00:00:00Z&to=2026-11-20T00:00:00Z | to",
        "from not an instant             | teamId=north&from=yesterday&to=2026-11-20T00:00:00Z            | from",
        "to not an instant               | teamId=north&from=2026-11-01T00:00:00Z&to=2026-13-01T00:00:00Z | to",
        "from a date without time        | teamId=north&from=2026-11-01&to=2026-11-20T00:00:00Z           | from"})
    void aBadReportWindowIsABadRequestNamingTheParameter(String description, String query, String field) {
        for (ApiClient client : List.of(as("david"), as("david").withHeader("Accept", CSV))) {
            ApiResponse response = client.get("/api/reports/contacts?" + query);

            assertInvalidField(response, field);
        }
    }

    @Test
    void theReportNamesJournalsOnlyByTheirIdNeverByPatientRefOrName() {
        String patientRef = "REF-" + UUID.randomUUID();
        String displayName = "Name-" + UUID.randomUUID();
        ApiResponse opened = as("david").post("/api/journals",
                Map.of("patientRef", patientRef, "displayName", displayName, "teamId", "north"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String journalId = opened.body().get("journalId").asText();
        Instant occurredAt = Instant.now().minus(Duration.ofHours(2));
        ApiResponse recorded = as("anna").post("/api/journals/" + journalId + "/notes",
                note("HOME_VISIT", occurredAt, 40, "Visited " + displayName + " (" + patientRef + ") at home."));
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        String query = reportQuery("north", occurredAt.minusSeconds(1), occurredAt.plusSeconds(1));

        ApiResponse json = await().atMost(PROJECTION_WAIT).until(() -> as("david").get(query),
                r -> r.status() == 200 && r.body().get("rows").findValuesAsText("journalId").contains(journalId));
        ApiResponse csv = as("david").withHeader("Accept", CSV).get(query);

        JsonNode row = elementWith(json.body().get("rows"), "journalId", journalId);
        assertThat(row.get("contactType").asText()).isEqualTo("HOME_VISIT");
        assertThat(row.get("contacts").asLong()).isEqualTo(1);
        assertThat(row.get("totalMinutes").asLong()).isEqualTo(40);
        assertThat(csv.rawBody()).contains(journalId + ",HOME_VISIT,1,40\r\n");
        for (ApiResponse report : List.of(json, csv)) {
            assertThat(report.rawBody()).doesNotContain(patientRef).doesNotContain(displayName)
                    .doesNotContain("patientRef").doesNotContain("displayName").doesNotContain("Visited");
        }
        for (JsonNode each : json.body().get("rows")) {
            List<String> names = new ArrayList<>();
            each.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactly("journalId", "contactType", "contacts", "totalMinutes");
        }
    }

    private ApiClient client(String caller) {
        return caller.equals("anonymous") ? anonymous : as(caller);
    }

    private static String reportQuery(String team, Instant from, Instant to) {
        return "/api/reports/contacts?teamId=" + team + "&from=" + from + "&to=" + to;
    }
}
