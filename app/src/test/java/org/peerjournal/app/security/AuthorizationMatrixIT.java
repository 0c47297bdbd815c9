package org.peerjournal.app.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.peerjournal.app.support.ProblemAssertions.assertProblem;
import static org.peerjournal.app.support.ProblemAssertions.assertUnauthorized;
import static org.peerjournal.app.support.ProblemAssertions.withoutInstance;

/**
 * Who may call what (api.md, "Authentication" and the endpoint tables): every journal endpoint, called by every
 * demo user and anonymously, on a fresh journal of team north that holds one note by anna.
 */
class AuthorizationMatrixIT extends ApiIntegrationTest {

    private static final String ANONYMOUS = "anonymous";
    private static final String NOTE_TEXT = "Walked to the library together.";
    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(10);

    /**
     * The expected status per endpoint and caller. bo (PSW of south) is an outsider to the north journal: where a
     * journal id is in the path he gets 404, exactly as for a journal that does not exist.
     */
    private static final String MATRIX = """
            endpoint        anonymous  anna  bo   clara  david  eva  olle
            OPEN_JOURNAL    401        403   403  403    201    403  403
            LIST_JOURNALS   401        200   200  200    200    403  403
            RECORD_NOTE     401        201   404  403    403    403  403
            CORRECT_NOTE    401        201   404  403    403    403  403
            RETRACT_NOTE    401        200   404  403    200    403  403
            READ_TIMELINE   401        200   404  200    200    403  403
            ACCESS_EXTRACT  401        403   403  403    403    200  403
            ACCESS_REVIEW   401        403   403  403    403    200  403
            CONCLUDE_FINDING 401       403   403  403    403    404  403
            """;

    enum Endpoint {
        OPEN_JOURNAL(true, "david"),
        LIST_JOURNALS(false, "anna"),
        RECORD_NOTE(true, "anna"),
        CORRECT_NOTE(true, "anna"),
        RETRACT_NOTE(true, "anna"),
        READ_TIMELINE(false, "anna"),
        ACCESS_EXTRACT(false, "eva", false),
        ACCESS_REVIEW(false, "eva", false),
        /** On a finding that does not exist: the auditor gets past authorization to 404, everyone else not. */
        CONCLUDE_FINDING(false, "eva", false);

        final boolean writes;
        /** A user the endpoint admits, to show that a wrong password alone is refused. */
        final String allowedUser;
        /** Whether the call is about the fixture's journal (the audit-wide endpoints are not). */
        final boolean onTheJournal;

        Endpoint(boolean writes, String allowedUser) {
            this(writes, allowedUser, true);
        }

        Endpoint(boolean writes, String allowedUser, boolean onTheJournal) {
            this.writes = writes;
            this.allowedUser = allowedUser;
            this.onTheJournal = onTheJournal;
        }
    }

    /** A north journal with one note by anna. */
    private record Fixture(String journalId, String noteId) {
    }

    static Stream<Arguments> matrix() {
        List<String> lines = MATRIX.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
        List<String> callers = Arrays.asList(lines.get(0).split("\\s+")).subList(1, 8);
        List<Arguments> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\\s+");
            for (int i = 0; i < callers.size(); i++) {
                rows.add(Arguments.of(Endpoint.valueOf(cells[0]), callers.get(i), Integer.parseInt(cells[i + 1])));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("matrix")
    void everyCallerGetsTheStatusTheirRoleAndTeamAllow(Endpoint endpoint, String caller, int expected) {
        // Commands see the journal at once; reads see it once the projections have caught up.
        Fixture fixture = !endpoint.onTheJournal ? new Fixture("none", "none")
                : endpoint.writes ? fixture() : projectedFixture();
        ApiClient client = caller.equals(ANONYMOUS) ? anonymous : as(caller);
        String patientRef = "P-" + UUID.randomUUID();

        ApiResponse response = call(endpoint, client, fixture.journalId(), fixture.noteId(), patientRef);

        assertThat(response.status()).as(response.toString()).isEqualTo(expected);
        if (expected < 400) {
            assertSucceeded(endpoint, caller, response, fixture, patientRef);
            return;
        }
        if (expected == 401) {
            assertUnauthorized(response);
        } else {
            assertProblem(response, expected);
        }
        if (endpoint.writes) {
            assertNothingStored(endpoint, fixture, patientRef);
        }
    }

    static Stream<Arguments> wrongCredentials() {
        return Arrays.stream(Endpoint.values()).flatMap(endpoint -> Stream.of(
                Arguments.of(endpoint, endpoint.allowedUser, "not-the-password"),
                Arguments.of(endpoint, "mallory", "mallory-demo")));
    }

    @ParameterizedTest(name = "{0} as {1} with password {2} -> 401")
    @MethodSource("wrongCredentials")
    void wrongCredentialsAreUnauthorizedAndStoreNothing(Endpoint endpoint, String user, String password) {
        Fixture fixture = fixture();
        String patientRef = "P-" + UUID.randomUUID();

        ApiResponse response = call(endpoint, anonymous.as(user, password), fixture.journalId(), fixture.noteId(),
                patientRef);

        assertUnauthorized(response);
        if (endpoint.writes) {
            assertNothingStored(endpoint, fixture, patientRef);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"RECORD_NOTE", "CORRECT_NOTE", "RETRACT_NOTE", "READ_TIMELINE"})
    void anotherTeamsJournalIsAnsweredExactlyLikeAJournalThatDoesNotExist(Endpoint endpoint) {
        Fixture fixture = projectedFixture();
        String unknownJournalId = UUID.randomUUID().toString();

        ApiResponse outsider = call(endpoint, as("bo"), fixture.journalId(), fixture.noteId(), "unused");
        ApiResponse unknown = call(endpoint, as("bo"), unknownJournalId, fixture.noteId(), "unused");

        JsonNode outsiderProblem = assertProblem(outsider, 404);
        JsonNode unknownProblem = assertProblem(unknown, 404);
        assertThat(outsider.contentType()).isEqualTo(unknown.contentType());
        assertThat(withoutInstance(outsiderProblem)).isEqualTo(withoutInstance(unknownProblem));
        assertThat(outsider.rawBody()).doesNotContain("north");
        if (endpoint.writes) {
            assertNothingStored(endpoint, fixture, "unused");
        }
    }

    @Test
    void aTeamLeadCannotOpenAJournalForAnotherTeam() {
        String patientRef = "P-" + UUID.randomUUID();

        ApiResponse response = as("david").post("/api/journals",
                Map.of("patientRef", patientRef, "displayName", "Elsewhere", "teamId", "south"));

        assertProblem(response, 403);
        // The directory projects in order: once a later journal shows, a stored south journal would show too.
        String sentinel = journals.openNorthJournal();
        awaitJournalList("david", list -> containsJournal(list, sentinel));
        assertThat(as("bo").get("/api/journals").body().findValuesAsText("patientRef")).doesNotContain(patientRef);
    }

    @Test
    void membersListOnlyTheJournalsOfTheirOwnTeam() {
        assertProblem(as("anna").get("/api/journals?teamId=south"), 403);
        assertProblem(as("clara").get("/api/journals?teamId=south"), 403);
        assertProblem(as("david").get("/api/journals?teamId=south"), 403);
        assertProblem(as("bo").get("/api/journals?teamId=north"), 403);
        assertProblem(as("eva").get("/api/journals?teamId=north"), 403);
        assertProblem(as("olle").get("/api/journals?teamId=north"), 403);

        String journalId = journals.openNorthJournal();
        ApiResponse north = awaitJournalList("anna", list -> containsJournal(list, journalId));
        assertThat(as("anna").get("/api/journals?teamId=north").body()).isEqualTo(north.body());
        assertThat(as("bo").get("/api/journals").body().findValuesAsText("journalId")).doesNotContain(journalId);
    }

    private Fixture fixture() {
        String journalId = journals.openNorthJournal();
        return new Fixture(journalId, journals.recordNote(journalId, NOTE_TEXT));
    }

    private Fixture projectedFixture() {
        Fixture fixture = fixture();
        journals.awaitTimelineEntries(fixture.journalId(), "", 1);
        awaitJournalList("david", list -> containsJournal(list, fixture.journalId()));
        return fixture;
    }

    private static ApiResponse call(Endpoint endpoint, ApiClient client, String journalId, String noteId,
            String patientRef) {
        String journal = "/api/journals/" + journalId;
        return switch (endpoint) {
            case OPEN_JOURNAL -> client.post("/api/journals",
                    Map.of("patientRef", patientRef, "displayName", "Patient " + patientRef, "teamId", "north"));
            case LIST_JOURNALS -> client.get("/api/journals");
            case RECORD_NOTE -> client.post(journal + "/notes", JournalApi.note("A second conversation."));
            case CORRECT_NOTE -> client.post(journal + "/notes/" + noteId + "/corrections",
                    Map.of("text", "Walked to the town library together.", "reason", "Which library"));
            case RETRACT_NOTE -> client.post(journal + "/notes/" + noteId + "/retraction",
                    Map.of("reason", "Written in the wrong journal"));
            case READ_TIMELINE -> client.get(journal + "/timeline");
            case ACCESS_EXTRACT -> client.get("/api/audit/access-extract?patientRef=" + patientRef
                    + "&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z");
            case ACCESS_REVIEW -> client.get("/api/audit/access-review?from=2026-01-01T00:00:00Z"
                    + "&to=2026-01-02T00:00:00Z");
            case CONCLUDE_FINDING -> client.post("/api/audit/access-review/findings/2026-01-01-0000/conclusion",
                    Map.of("conclusion", "JUSTIFIED", "note", "Reviewed"));
        };
    }

    /**
     * A refused write left no trace. Projections handle events in the order they were stored, so once a write made
     * after the refused one is visible, anything the refused one had stored would be visible as well.
     */
    private void assertNothingStored(Endpoint endpoint, Fixture fixture, String patientRef) {
        if (endpoint == Endpoint.OPEN_JOURNAL) {
            // The patientRef is still free in north: no journal was opened with it.
            String journalId = journals.openJournal("david", "north", patientRef);
            ApiResponse list = awaitJournalList("david", body -> containsJournal(body, journalId));
            assertThat(list.body().findValuesAsText("patientRef")).containsOnlyOnce(patientRef);
            return;
        }
        String sentinelId = journals.recordNote(fixture.journalId(), "Sentinel written after the refused request.");
        ApiResponse timeline = await().atMost(PROJECTION_WAIT)
                .until(() -> journals.timeline("clara", fixture.journalId(), "includeRetracted=true"),
                        r -> r.status() == 200 && r.body().get("entries").findValuesAsText("entryId")
                                .contains(sentinelId));
        JsonNode entries = timeline.body().get("entries");
        assertThat(timeline.body().get("totalEntries").asInt()).as(timeline.toString()).isEqualTo(2);
        assertThat(entries.findValuesAsText("entryId")).containsExactlyInAnyOrder(sentinelId, fixture.noteId());
        JsonNode original = entryWithId(entries, fixture.noteId());
        assertThat(original.get("text").asText()).isEqualTo(NOTE_TEXT);
        assertThat(original.get("revision").asInt()).isEqualTo(1);
        assertThat(original.get("revisions")).hasSize(1);
        assertThat(original.get("status").asText()).isEqualTo("RECORDED");
        assertThat(original.get("retracted").asBoolean()).isFalse();
        assertThat(original.has("retraction")).isFalse();
    }

    private void assertSucceeded(Endpoint endpoint, String caller, ApiResponse response, Fixture fixture,
            String patientRef) {
        switch (endpoint) {
            case OPEN_JOURNAL -> {
                String journalId = response.body().get("journalId").asText();
                assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                        location -> assertThat(location).endsWith("/api/journals/" + journalId));
                JsonNode list = awaitJournalList(caller, body -> containsJournal(body, journalId)).body();
                assertThat(entryWithId(list, journalId).get("patientRef").asText()).isEqualTo(patientRef);
            }
            case LIST_JOURNALS -> {
                // Without teamId the caller's own team is listed.
                String team = caller.equals("bo") ? "south" : "north";
                assertThat(response.body().isArray()).isTrue();
                assertThat(response.body().findValuesAsText("teamId")).allMatch(team::equals);
                assertThat(containsJournal(response.body(), fixture.journalId())).isEqualTo(team.equals("north"));
            }
            case RECORD_NOTE -> {
                String noteId = response.body().get("noteId").asText();
                JsonNode entries = journals.awaitTimelineEntries(fixture.journalId(), "", 2).body().get("entries");
                assertThat(entryWithId(entries, noteId).get("author").asText()).isEqualTo(caller);
            }
            case CORRECT_NOTE -> {
                assertThat(response.body().get("revision").asInt()).isEqualTo(2);
                JsonNode entry = await().atMost(PROJECTION_WAIT).until(
                        () -> journals.timeline("clara", fixture.journalId(), ""),
                        r -> r.status() == 200 && r.body().get("entries").path(0).path("revision").asInt() == 2)
                        .body().get("entries").get(0);
                assertThat(entry.get("revisions").get(1).get("author").asText()).isEqualTo(caller);
            }
            case RETRACT_NOTE -> {
                JsonNode entry = await().atMost(PROJECTION_WAIT).until(
                        () -> journals.timeline("clara", fixture.journalId(), "includeRetracted=true"),
                        r -> r.status() == 200 && r.body().get("entries").path(0).path("retracted").asBoolean())
                        .body().get("entries").get(0);
                assertThat(entry.get("retraction").get("retractedBy").asText()).isEqualTo(caller);
                assertThat(journals.timeline("clara", fixture.journalId(), "").body().get("totalEntries").asInt())
                        .isZero();
            }
            case READ_TIMELINE -> {
                assertThat(response.body().get("journalId").asText()).isEqualTo(fixture.journalId());
                assertThat(response.body().get("entries").findValuesAsText("entryId"))
                        .containsExactly(fixture.noteId());
            }
            case ACCESS_EXTRACT -> assertThat(response.body().get("patientRef").asText()).isEqualTo(patientRef);
            case ACCESS_REVIEW -> assertThat(response.body().get("findings").isArray()).isTrue();
            case CONCLUDE_FINDING -> throw new AssertionError("no finding exists to conclude");
        }
    }

    private ApiResponse awaitJournalList(String user, Predicate<JsonNode> condition) {
        return await().atMost(PROJECTION_WAIT).until(() -> as(user).get("/api/journals"),
                r -> r.status() == 200 && condition.test(r.body()));
    }

    private static boolean containsJournal(JsonNode list, String journalId) {
        return list.findValuesAsText("journalId").contains(journalId);
    }

    private static JsonNode entryWithId(JsonNode array, String id) {
        for (JsonNode element : array) {
            if (id.equals(element.path("entryId").asText()) || id.equals(element.path("journalId").asText())) {
                return element;
            }
        }
        throw new AssertionError(id + " not found in " + array);
    }
}
