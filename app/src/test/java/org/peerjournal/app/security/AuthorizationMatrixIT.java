package org.peerjournal.app.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.peerjournal.app.support.ProblemAssertions.assertProblem;
import static org.peerjournal.app.support.ProblemAssertions.assertUnauthorized;
import static org.peerjournal.app.support.ProblemAssertions.withoutInstance;

/**
 * Who may call what (api.md, "Authentication" and the endpoint tables): every API endpoint, called by every demo
 * user and anonymously, on a fresh journal of team north that holds one note by anna (and, for the endpoints about
 * one, an escalation or a loyalty conflict raised by her). {@link #everyApiEndpointHasARowInTheMatrix} fails when
 * the application answers an endpoint that has no row here.
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
            RAISE_ESCALATION 401       201   404  403    403    403  403
            ACKNOWLEDGE_ESCALATION 401 403   403  200    200    403  403
            RESOLVE_ESCALATION 401     403   403  200    200    403  403
            ESCALATION_QUEUE 401       200   200  200    200    403  403
            ESCALATION_STREAM 401      200   200  200    200    403  403
            FLAG_CONFLICT   401        201   404  403    403    403  403
            DISCUSS_CONFLICT 401       201   404  201    201    403  403
            RESOLVE_CONFLICT 401       200   404  403    200    403  403
            TEAM_OVERVIEW   401        403   403  200    200    403  403
            CONTACT_REPORT  401        403   403  403    200    403  403
            AUDIT_TIMELINE  401        403   403  403    403    200  403
            AUDIT_EVENTS    401        403   403  403    403    200  403
            AUDIT_ACCESS_LOG 401       403   403  403    403    200  403
            INCIDENT_REPORT 401        403   403  403    403    200  403
            JOURNAL_INTEGRITY 401      403   403  403    403    200  403
            STORE_INTEGRITY 401        403   403  403    403    200  403
            LATEST_CHECKPOINT 401      403   403  403    403    200  403
            CHECKPOINT_KEY  401        403   403  403    403    200  403
            PROJECTIONS     401        403   403  403    403    403  200
            REPLAY_PROJECTION 401      403   403  403    403    403  404
            RECONCILIATION  401        403   403  403    403    403  200
            BACK_UP_STORE   401        403   403  403    403    403  201
            """;

    enum Endpoint {
        OPEN_JOURNAL("POST /api/journals", true, "david"),
        LIST_JOURNALS("GET /api/journals", false, "anna"),
        RECORD_NOTE("POST /api/journals/{journalId}/notes", true, "anna"),
        CORRECT_NOTE("POST /api/journals/{journalId}/notes/{noteId}/corrections", true, "anna"),
        RETRACT_NOTE("POST /api/journals/{journalId}/notes/{noteId}/retraction", true, "anna"),
        READ_TIMELINE("GET /api/journals/{journalId}/timeline", false, "anna"),
        ACCESS_EXTRACT("GET /api/audit/access-extract", false, "eva", false),
        ACCESS_REVIEW("GET /api/audit/access-review", false, "eva", false),
        /** On a finding that does not exist: the auditor gets past authorization to 404, everyone else not. */
        CONCLUDE_FINDING("POST /api/audit/access-review/findings/{findingId}/conclusion", false, "eva", false),
        RAISE_ESCALATION("POST /api/journals/{journalId}/escalations", true, "anna"),
        ACKNOWLEDGE_ESCALATION("POST /api/journals/{journalId}/escalations/{escalationId}/acknowledgement", true,
                "clara"),
        RESOLVE_ESCALATION("POST /api/journals/{journalId}/escalations/{escalationId}/resolution", true, "clara"),
        ESCALATION_QUEUE("GET /api/escalations", false, "anna", false),
        ESCALATION_STREAM("GET /api/escalations/stream", false, "anna", false),
        FLAG_CONFLICT("POST /api/journals/{journalId}/loyalty-conflicts", true, "anna"),
        DISCUSS_CONFLICT("POST /api/journals/{journalId}/loyalty-conflicts/{conflictId}/discussions", true, "anna"),
        RESOLVE_CONFLICT("POST /api/journals/{journalId}/loyalty-conflicts/{conflictId}/resolution", true, "anna"),
        TEAM_OVERVIEW("GET /api/teams/{teamId}/overview", false, "clara", false),
        CONTACT_REPORT("GET /api/reports/contacts", false, "david", false),
        AUDIT_TIMELINE("GET /api/audit/journals/{journalId}/timeline", false, "eva"),
        AUDIT_EVENTS("GET /api/audit/journals/{journalId}/events", false, "eva"),
        AUDIT_ACCESS_LOG("GET /api/audit/journals/{journalId}/access-log", false, "eva"),
        INCIDENT_REPORT("GET /api/audit/journals/{journalId}/incident-report", false, "eva"),
        JOURNAL_INTEGRITY("GET /api/audit/journals/{journalId}/integrity", false, "eva"),
        STORE_INTEGRITY("GET /api/audit/integrity", false, "eva", false),
        /** The auditor waits for the first checkpoint to be signed (every second here when something changed). */
        LATEST_CHECKPOINT("GET /api/audit/checkpoints/latest", false, "eva", false),
        CHECKPOINT_KEY("GET /api/audit/checkpoints/public-key", false, "eva", false),
        PROJECTIONS("GET /api/admin/projections", false, "olle", false),
        /** On a projection that does not exist: the administrator gets past authorization to 404, nothing replays. */
        REPLAY_PROJECTION("POST /api/admin/projections/{name}/replay", false, "olle", false),
        RECONCILIATION("GET /api/admin/reconciliation", false, "olle", false),
        /** The embedded store's backup: a zip beside the store, its name and checksum in the answer. */
        BACK_UP_STORE("POST /api/admin/store/backups", false, "olle", false);

        /** The HTTP method and the path pattern, as the application maps it. */
        final String mapping;
        final boolean writes;
        /** A user the endpoint admits, to show that a wrong password alone is refused. */
        final String allowedUser;
        /** Whether the call is about the fixture's journal (the audit-wide endpoints are not). */
        final boolean onTheJournal;

        Endpoint(String mapping, boolean writes, String allowedUser) {
            this(mapping, writes, allowedUser, true);
        }

        Endpoint(String mapping, boolean writes, String allowedUser, boolean onTheJournal) {
            this.mapping = mapping;
            this.writes = writes;
            this.allowedUser = allowedUser;
            this.onTheJournal = onTheJournal;
        }
    }

    /** A north journal with one note by anna, and an escalation or a loyalty conflict of hers if the call needs one. */
    private record Fixture(String journalId, String noteId, String escalationId, String conflictId) {

        Fixture(String journalId, String noteId) {
            this(journalId, noteId, null, null);
        }

        /** The timeline entries the fixture made. */
        int entries() {
            return 1 + (escalationId == null ? 0 : 1) + (conflictId == null ? 0 : 1);
        }
    }

    /** For the calls about no journal, or refused before any journal is looked at. */
    private static final Fixture NO_JOURNAL = new Fixture("none", "none");
    /** One journal for every read: reads change nothing in it (they are logged outside its stream). */
    private static Fixture readFixture;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void everyApiEndpointHasARowInTheMatrix() {
        Set<String> answered = mappings.getHandlerMethods().keySet().stream()
                .flatMap(info -> info.getPatternValues().stream().flatMap(pattern -> info.getMethodsCondition()
                        .getMethods().stream().map(method -> method + " " + pattern)))
                .filter(endpoint -> endpoint.contains(" /api/"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> inTheMatrix = MATRIX.lines().skip(1).map(String::trim).filter(line -> !line.isEmpty())
                .map(line -> Endpoint.valueOf(line.split("\\s+")[0]).mapping)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(answered).as("the endpoints the application answers, each with a row in the matrix")
                .containsExactlyElementsOf(inTheMatrix);
    }

    /**
     * Deny by default (docs/api.md): a path the API does not have is refused like a forbidden one, except a GET under
     * the audit and admin paths by the role whose rule covers every path there, which is not found.
     */
    @Test
    void aPathTheApiDoesNotHaveIsForbiddenUnlessARoleMayReadEveryPathThere() {
        assertProblem(as("anna").get("/api/nothing-here"), 403);
        assertProblem(as("olle").post("/api/admin/nothing-here", Map.of()), 403);
        assertProblem(as("olle").get("/api/admin/nothing-here"), 404);
        assertProblem(as("eva").get("/api/audit/nothing-here"), 404);
        assertProblem(as("anna").get("/api/admin/nothing-here"), 403);
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
        Fixture fixture = withSubject(endpoint, !endpoint.onTheJournal ? NO_JOURNAL
                : endpoint.writes ? fixture() : readFixture());
        ApiClient client = caller.equals(ANONYMOUS) ? anonymous : as(caller);
        String patientRef = "P-" + UUID.randomUUID();

        ApiResponse response = call(endpoint, client, fixture, patientRef);

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
        Fixture fixture = endpoint.writes ? fixture() : NO_JOURNAL;
        String patientRef = "P-" + UUID.randomUUID();

        ApiResponse response = call(endpoint, anonymous.as(user, password), fixture, patientRef);

        assertUnauthorized(response);
        if (endpoint.writes) {
            assertNothingStored(endpoint, fixture, patientRef);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"RECORD_NOTE", "CORRECT_NOTE", "RETRACT_NOTE", "READ_TIMELINE", "RAISE_ESCALATION",
            "FLAG_CONFLICT", "DISCUSS_CONFLICT", "RESOLVE_CONFLICT"})
    void anotherTeamsJournalIsAnsweredExactlyLikeAJournalThatDoesNotExist(Endpoint endpoint) {
        Fixture fixture = withSubject(endpoint, projectedFixture());
        String unknownJournalId = UUID.randomUUID().toString();

        ApiResponse outsider = call(endpoint, as("bo"), fixture, "unused");
        ApiResponse unknown = call(endpoint, as("bo"), new Fixture(unknownJournalId, fixture.noteId(),
                fixture.escalationId(), fixture.conflictId()), "unused");

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
        assertThat(as("bo").getAllPages("/api/journals").body().findValuesAsText("patientRef")).doesNotContain(patientRef);
    }

    @Test
    void membersListOnlyTheJournalsOfTheirOwnTeam() {
        assertProblem(as("anna").getAllPages("/api/journals?teamId=south"), 403);
        assertProblem(as("clara").getAllPages("/api/journals?teamId=south"), 403);
        assertProblem(as("david").getAllPages("/api/journals?teamId=south"), 403);
        assertProblem(as("bo").getAllPages("/api/journals?teamId=north"), 403);
        assertProblem(as("eva").getAllPages("/api/journals?teamId=north"), 403);
        assertProblem(as("olle").getAllPages("/api/journals?teamId=north"), 403);

        String journalId = journals.openNorthJournal();
        ApiResponse north = awaitJournalList("anna", list -> containsJournal(list, journalId));
        assertThat(as("anna").getAllPages("/api/journals?teamId=north").body()).isEqualTo(north.body());
        assertThat(as("bo").getAllPages("/api/journals").body().findValuesAsText("journalId")).doesNotContain(journalId);
    }

    private Fixture fixture() {
        String journalId = journals.openNorthJournal();
        return new Fixture(journalId, journals.recordNote(journalId, NOTE_TEXT));
    }

    /** The escalation or loyalty conflict an endpoint acts on, raised or flagged by anna on the fixture's journal. */
    private Fixture withSubject(Endpoint endpoint, Fixture fixture) {
        String journal = "/api/journals/" + fixture.journalId();
        return switch (endpoint) {
            case ACKNOWLEDGE_ESCALATION -> new Fixture(fixture.journalId(), fixture.noteId(),
                    journals.raiseEscalation(fixture.journalId(), "URGENT").body().get("escalationId").asText(), null);
            case RESOLVE_ESCALATION -> {
                // Only an acknowledged escalation is resolved; david acknowledges it, anna having raised it.
                String escalationId = journals.raiseEscalation(fixture.journalId(), "URGENT").body()
                        .get("escalationId").asText();
                ApiResponse acknowledged = journals.acknowledge("david", fixture.journalId(), escalationId,
                        "Called the ward");
                assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
                yield new Fixture(fixture.journalId(), fixture.noteId(), escalationId, null);
            }
            case DISCUSS_CONFLICT, RESOLVE_CONFLICT -> {
                ApiResponse flagged = as("anna").post(journal + "/loyalty-conflicts", conflict());
                assertThat(flagged.status()).as(flagged.toString()).isEqualTo(201);
                yield new Fixture(fixture.journalId(), fixture.noteId(), null,
                        flagged.body().get("conflictId").asText());
            }
            default -> fixture;
        };
    }

    private static Map<String, Object> conflict() {
        return Map.of("kind", "MEDICATION", "description", "Wants to stop her medication.",
                "patientPerspective", "The side effects stop her from working.",
                "staffPerspective", "The care plan says to continue until the review.", "supervisionRequested", true);
    }

    private Fixture readFixture() {
        if (readFixture == null) {
            readFixture = projectedFixture();
        }
        return readFixture;
    }

    private Fixture projectedFixture() {
        Fixture fixture = fixture();
        journals.awaitTimelineEntries(fixture.journalId(), "", 1);
        awaitJournalList("david", list -> containsJournal(list, fixture.journalId()));
        return fixture;
    }

    private static ApiResponse call(Endpoint endpoint, ApiClient client, Fixture fixture, String patientRef) {
        String journal = "/api/journals/" + fixture.journalId();
        String noteId = fixture.noteId();
        String audit = "/api/audit/journals/" + fixture.journalId();
        ApiClient json = client.withHeader("Accept", "application/json");
        return switch (endpoint) {
            case OPEN_JOURNAL -> client.post("/api/journals",
                    Map.of("patientRef", patientRef, "displayName", "Patient " + patientRef, "teamId", "north"));
            case LIST_JOURNALS -> client.getAllPages("/api/journals");
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
            case RAISE_ESCALATION -> client.post(journal + "/escalations", JournalApi.escalation("URGENT"));
            case ACKNOWLEDGE_ESCALATION -> client.post(journal + "/escalations/" + fixture.escalationId()
                    + "/acknowledgement", Map.of("actionTaken", "Called the ward"));
            case RESOLVE_ESCALATION -> client.post(journal + "/escalations/" + fixture.escalationId() + "/resolution",
                    Map.of("outcome", "Safe at home with her sister"));
            case ESCALATION_QUEUE -> client.get("/api/escalations");
            case ESCALATION_STREAM -> client.openStream("/api/escalations/stream");
            case FLAG_CONFLICT -> client.post(journal + "/loyalty-conflicts", conflict());
            case DISCUSS_CONFLICT -> client.post(journal + "/loyalty-conflicts/" + fixture.conflictId()
                    + "/discussions", Map.of("forum", "TEAM_MEETING", "summary", "Talked it through"));
            case RESOLVE_CONFLICT -> client.post(journal + "/loyalty-conflicts/" + fixture.conflictId()
                    + "/resolution", Map.of("resolution", "Reviewed with the psychiatrist"));
            case TEAM_OVERVIEW -> client.get("/api/teams/north/overview");
            case CONTACT_REPORT -> json.get("/api/reports/contacts?teamId=north&from=2026-01-01T00:00:00Z"
                    + "&to=2026-02-01T00:00:00Z");
            case AUDIT_TIMELINE -> client.get(audit + "/timeline");
            case AUDIT_EVENTS -> client.get(audit + "/events");
            case AUDIT_ACCESS_LOG -> client.get(audit + "/access-log");
            case INCIDENT_REPORT -> json.get(audit + "/incident-report");
            case JOURNAL_INTEGRITY -> client.get(audit + "/integrity");
            case STORE_INTEGRITY -> client.get("/api/audit/integrity");
            case LATEST_CHECKPOINT -> await().atMost(Duration.ofSeconds(30))
                    .until(() -> json.get("/api/audit/checkpoints/latest"), response -> response.status() != 404);
            case CHECKPOINT_KEY -> json.get("/api/audit/checkpoints/public-key");
            case PROJECTIONS -> client.get("/api/admin/projections");
            case REPLAY_PROJECTION -> client.post("/api/admin/projections/no-such-projection/replay", Map.of());
            case RECONCILIATION -> client.get("/api/admin/reconciliation");
            case BACK_UP_STORE -> client.post("/api/admin/store/backups", Map.of());
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
        assertThat(timeline.body().get("totalEntries").asInt()).as(timeline.toString())
                .isEqualTo(fixture.entries() + 1);
        assertThat(entries.findValuesAsText("entryId")).containsExactlyInAnyOrderElementsOf(Stream.of(sentinelId,
                fixture.noteId(), fixture.escalationId(), fixture.conflictId()).filter(Objects::nonNull).toList());
        if (fixture.escalationId() != null) {
            assertThat(entryWithId(entries, fixture.escalationId()).get("status").asText())
                    .isEqualTo(endpoint == Endpoint.RESOLVE_ESCALATION ? "ACKNOWLEDGED" : "OPEN");
        }
        if (fixture.conflictId() != null) {
            JsonNode conflict = entryWithId(entries, fixture.conflictId());
            assertThat(conflict.get("status").asText()).isEqualTo("OPEN");
            assertThat(conflict.path("loyaltyConflict").path("discussions")).isEmpty();
        }
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
            case REPLAY_PROJECTION -> throw new AssertionError("no such projection exists to replay");
            case RAISE_ESCALATION -> assertThat(response.body().get("escalationId").asText()).isNotBlank();
            case FLAG_CONFLICT -> assertThat(response.body().get("conflictId").asText()).isNotBlank();
            case ESCALATION_STREAM -> assertThat(response.contentType()).startsWith("text/event-stream");
            case ESCALATION_QUEUE, PROJECTIONS, AUDIT_ACCESS_LOG -> assertThat(response.body().isArray()).isTrue();
            case TEAM_OVERVIEW -> assertThat(response.body().get("teamId").asText()).isEqualTo("north");
            case AUDIT_TIMELINE, JOURNAL_INTEGRITY, AUDIT_EVENTS -> assertThat(response.body().get("journalId")
                    .asText()).isEqualTo(fixture.journalId());
            case RECONCILIATION -> assertThat(response.body().has("consistent")).isTrue();
            case BACK_UP_STORE -> assertThat(response.body().get("sha256").asText()).hasSize(64);
            default -> assertThat(response.body()).as(response.toString()).isNotNull();
        }
    }

    private ApiResponse awaitJournalList(String user, Predicate<JsonNode> condition) {
        return await().atMost(PROJECTION_WAIT).until(() -> as(user).getAllPages("/api/journals"),
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
