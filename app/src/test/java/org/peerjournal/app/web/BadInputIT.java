package org.peerjournal.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.peerjournal.app.support.ProblemAssertions.assertInvalidField;
import static org.peerjournal.app.support.ProblemAssertions.assertProblem;
import static org.peerjournal.app.support.ProblemAssertions.fields;

/**
 * Invalid input to the journal and note endpoints beyond the standard catalogue of {@link WriteInputCatalogueIT}
 * (missing, null, wrong kind, too long, unknown property, duplicate key, malformed body, content type, for every
 * write endpoint): value limits, oversized bodies, bad ids and states, timeline and page parameters. Every
 * rejection is problem+json with the right status, names the wrong field where there is one, reveals nothing of
 * the server's inside, and changes nothing, on the read side too.
 */
class BadInputIT extends ApiIntegrationTest {

    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(10);
    private static final int BODY_LIMIT = 64 * 1024;
    private static final String CONTACT_TYPES = "INDIVIDUAL_CONVERSATION, GROUP_SESSION, ACCOMPANIED_APPOINTMENT,"
            + " HOME_VISIT, TREATMENT_CONFERENCE, PHONE_OR_VIDEO, OTHER";

    /** The POST endpoints, each with the user allowed to call it and a valid body. */
    enum Target {
        OPEN_JOURNAL("david"),
        RECORD_NOTE("anna"),
        CORRECT_NOTE("anna"),
        RETRACT_NOTE("anna");

        final String user;

        Target(String user) {
            this.user = user;
        }

        String path(Journal journal) {
            return path(journal.journalId(), journal.noteId());
        }

        String path(String journalId, String noteId) {
            return switch (this) {
                case OPEN_JOURNAL -> "/api/journals";
                case RECORD_NOTE -> "/api/journals/" + journalId + "/notes";
                case CORRECT_NOTE -> "/api/journals/" + journalId + "/notes/" + noteId + "/corrections";
                case RETRACT_NOTE -> "/api/journals/" + journalId + "/notes/" + noteId + "/retraction";
            };
        }

        Map<String, Object> validBody() {
            Map<String, Object> body = new LinkedHashMap<>();
            switch (this) {
                case OPEN_JOURNAL -> {
                    body.put("patientRef", "P-" + UUID.randomUUID());
                    body.put("displayName", "A new patient");
                    body.put("teamId", "north");
                }
                case RECORD_NOTE -> body.putAll(JournalApi.note("Met for coffee and talked about sleep."));
                case CORRECT_NOTE -> {
                    body.put("text", "Met for tea and talked about sleep.");
                    body.put("reason", "It was tea");
                }
                case RETRACT_NOTE -> body.put("reason", "Written in the wrong journal");
            }
            return body;
        }
    }

    /**
     * A north journal opened under {@code patientRef}, with a note by anna ({@code noteId}) and a retracted one.
     */
    record Journal(String journalId, String patientRef, String noteId, String retractedNoteId) {
    }

    /**
     * One invalid request and what it must answer: the status and, for invalid input, the field named (any of
     * {@code fields}); an empty {@code fields} means the answer names no field.
     */
    record Rejection(String description, int status, Set<String> fields, Request request) {

        @Override
        public String toString() {
            return description;
        }
    }

    /** Sends one request about the journal; {@code client} is anonymous, and the request picks its user. */
    @FunctionalInterface
    interface Request {
        ApiResponse send(ApiClient client, Journal journal);
    }

    /** The ids a path is made of. */
    private record Ids(String journalId, String noteId) {
    }

    static Stream<Rejection> invalidBodies() {
        List<Rejection> cases = new ArrayList<>();
        for (String field : List.of("patientRef", "displayName", "teamId")) {
            cases.add(with(Target.OPEN_JOURNAL, "blank " + field, field, "  "));
        }
        cases.add(with(Target.RECORD_NOTE, "blank text", "text", " \t "));
        cases.add(with(Target.RECORD_NOTE, "contactType CHAT", "contactType", "CHAT"));
        cases.add(with(Target.RECORD_NOTE, "durationMinutes 0", "durationMinutes", 0));
        cases.add(with(Target.RECORD_NOTE, "durationMinutes 1441", "durationMinutes", 1441));
        cases.add(with(Target.RECORD_NOTE, "durationMinutes not a number", "durationMinutes", "thirty"));
        cases.add(with(Target.RECORD_NOTE, "text of 20,001 characters", "text", "x".repeat(20_001)));
        cases.add(with(Target.RECORD_NOTE, "occurredAt 10 minutes in the future", "occurredAt",
                (Supplier<Object>) () -> Instant.now().plus(Duration.ofMinutes(10)).toString()));
        cases.add(with(Target.RECORD_NOTE, "occurredAt not an instant", "occurredAt", "yesterday at noon"));
        for (String field : List.of("text", "reason")) {
            cases.add(with(Target.CORRECT_NOTE, "blank " + field, field, ""));
        }
        cases.add(with(Target.CORRECT_NOTE, "text of 20,001 characters", "text", "x".repeat(20_001)));
        cases.add(with(Target.CORRECT_NOTE, "reason of 4,001 characters", "reason", "x".repeat(4_001)));
        cases.add(with(Target.RETRACT_NOTE, "blank reason", "reason", "   "));
        cases.add(with(Target.RETRACT_NOTE, "reason of 4,001 characters", "reason", "x".repeat(4_001)));
        return cases.stream();
    }

    static Stream<Rejection> unreadableBodies() {
        List<Rejection> cases = new ArrayList<>();
        for (Target target : Target.values()) {
            String valid = ApiClient.json(target.validBody());
            cases.add(raw(target, "JSON cut off inside a value", 400, valid.substring(0, valid.length() - 3),
                    "application/json"));
            cases.add(raw(target, "not JSON at all", 400, "reason=too+long", "application/json"));
            cases.add(new Rejection(target + ": body over 64 KiB with Content-Length", 413, Set.of(),
                    (client, journal) -> client.as(target.user)
                            .postBytes(target.path(journal), oversizedBody(target), "application/json")));
            cases.add(new Rejection(target + ": body over 64 KiB streamed without a length", 413, Set.of(),
                    (client, journal) -> client.as(target.user)
                            .postStreamed(target.path(journal), oversizedBody(target), "application/json")));
        }
        return cases.stream();
    }

    static Stream<Rejection> badPathsAndStates() {
        String unknown = UUID.randomUUID().toString();
        return Stream.of(
                post(Target.RECORD_NOTE, "malformed journalId", 400, "journalId", j -> new Ids("x1", j.noteId())),
                post(Target.CORRECT_NOTE, "malformed journalId", 400, "journalId", j -> new Ids("x1", j.noteId())),
                post(Target.CORRECT_NOTE, "malformed noteId", 400, "noteId", j -> new Ids(j.journalId(), "x2")),
                post(Target.RETRACT_NOTE, "malformed journalId", 400, "journalId", j -> new Ids("x1", j.noteId())),
                post(Target.RETRACT_NOTE, "malformed noteId", 400, "noteId", j -> new Ids(j.journalId(), "x2")),
                post(Target.RECORD_NOTE, "unknown journal", 404, null, j -> new Ids(unknown, j.noteId())),
                post(Target.CORRECT_NOTE, "unknown journal", 404, null, j -> new Ids(unknown, j.noteId())),
                post(Target.RETRACT_NOTE, "unknown journal", 404, null, j -> new Ids(unknown, j.noteId())),
                post(Target.CORRECT_NOTE, "unknown note", 404, null, j -> new Ids(j.journalId(), unknown)),
                post(Target.RETRACT_NOTE, "unknown note", 404, null, j -> new Ids(j.journalId(), unknown)),
                post(Target.CORRECT_NOTE, "a retracted note", 409, null,
                        j -> new Ids(j.journalId(), j.retractedNoteId())),
                post(Target.RETRACT_NOTE, "a note retracted already", 409, null,
                        j -> new Ids(j.journalId(), j.retractedNoteId())),
                new Rejection("OPEN_JOURNAL: a patientRef the team has already", 409, Set.of(),
                        (client, j) -> client.as(Target.OPEN_JOURNAL.user).post("/api/journals",
                                Map.of("patientRef", j.patientRef(), "displayName", "Twin", "teamId", "north"))));
    }

    static Stream<Rejection> badTimelineQueries() {
        return Stream.of(
                timeline("size=0", "size"),
                timeline("size=201", "size"),
                timeline("page=-1", "page"),
                timeline("types=FOO", "types"),
                timeline("types=NOTE,FOO", "types"),
                timeline("from=yesterday", "from"),
                timeline("to=2026-13-01T00:00:00Z", "to"),
                timeline("from=2026-11-20T14:00:00Z&to=2026-11-20T13:00:00Z", "from", "to"),
                new Rejection("timeline: malformed journalId", 400, Set.of("journalId"),
                        (client, j) -> client.as("clara").get("/api/journals/not-a-uuid/timeline")),
                new Rejection("timeline: unknown journal", 404, Set.of(),
                        (client, j) -> client.as("clara").get("/api/journals/" + UUID.randomUUID() + "/timeline")));
    }

    /**
     * Values of the wrong JSON kind that a lenient reader would guess at (issue 14): refused and named, never
     * converted. The "occurredAt" number would be read as seconds since the epoch, "contactType" 5 as the sixth
     * contact type, 1.5 minutes as 1.
     */
    static Stream<Rejection> guessedValues() {
        List<Rejection> cases = new ArrayList<>();
        cases.add(with(Target.RECORD_NOTE, "contactType as the number 5", "contactType", 5));
        cases.add(with(Target.RECORD_NOTE, "contactType as the number 0", "contactType", 0));
        cases.add(with(Target.RECORD_NOTE, "contactType as an empty string", "contactType", ""));
        cases.add(with(Target.RECORD_NOTE, "contactType in lower case", "contactType", "home_visit"));
        cases.add(with(Target.RECORD_NOTE, "occurredAt as epoch seconds", "occurredAt", 1_700_000_000));
        cases.add(with(Target.RECORD_NOTE, "occurredAt as epoch seconds with a fraction", "occurredAt",
                1_700_000_000.5));
        cases.add(with(Target.RECORD_NOTE, "occurredAt as an array", "occurredAt", List.of(2026, 11, 20)));
        cases.add(with(Target.RECORD_NOTE, "occurredAt without a zone", "occurredAt", "2026-11-20T14:00:00"));
        cases.add(with(Target.RECORD_NOTE, "durationMinutes 1.5", "durationMinutes", 1.5));
        cases.add(with(Target.RECORD_NOTE, "durationMinutes 30.0", "durationMinutes", 30.0));
        cases.add(with(Target.RECORD_NOTE, "durationMinutes as the string \"30\"", "durationMinutes", "30"));
        cases.add(with(Target.RECORD_NOTE, "durationMinutes true", "durationMinutes", true));
        cases.add(with(Target.RECORD_NOTE, "text as a number", "text", 42));
        cases.add(with(Target.RECORD_NOTE, "text as an object", "text", Map.of("value", "hello")));
        cases.add(with(Target.OPEN_JOURNAL, "patientRef as a number", "patientRef", 1042));
        cases.add(with(Target.OPEN_JOURNAL, "teamId as a boolean", "teamId", true));
        cases.add(with(Target.OPEN_JOURNAL, "displayName as a list", "displayName", List.of("Maria")));
        cases.add(with(Target.CORRECT_NOTE, "reason as a number", "reason", 3));
        cases.add(with(Target.RETRACT_NOTE, "reason as a boolean", "reason", false));
        for (Target target : Target.values()) {
            cases.add(new Rejection(target + ": a second object after the first", 400, Set.of(),
                    (client, journal) -> client.as(target.user).postBytes(target.path(journal),
                            (ApiClient.json(target.validBody()) + ApiClient.json(target.validBody()))
                                    .getBytes(StandardCharsets.UTF_8), "application/json")));
        }
        return cases.stream();
    }

    /** Page parameters of every paged list: page from 0, size 1..200, both whole numbers. */
    static Stream<Rejection> badPages() {
        List<Rejection> cases = new ArrayList<>();
        Map<String, String> lists = new LinkedHashMap<>();
        lists.put("journal list", "clara /api/journals?");
        lists.put("escalation queue", "clara /api/escalations?");
        lists.put("events", "eva /api/audit/journals/{journal}/events?");
        lists.put("access log", "eva /api/audit/journals/{journal}/access-log?");
        lists.forEach((name, request) -> {
            String user = request.substring(0, request.indexOf(' '));
            String path = request.substring(request.indexOf(' ') + 1);
            for (String query : List.of("size=0", "size=201", "size=-5", "size=ten", "size=1.5", "page=-1",
                    "page=first", "page=0.5")) {
                String field = query.substring(0, query.indexOf('='));
                cases.add(new Rejection(name + ": " + query, 400, Set.of(field), (client, journal) -> client
                        .as(user).get(path.replace("{journal}", journal.journalId()) + query)));
            }
        });
        return cases.stream();
    }

    static Stream<Rejection> allRejections() {
        return Stream.of(invalidBodies(), unreadableBodies(), guessedValues(), badPathsAndStates(),
                        badTimelineQueries(), badPages())
                .flatMap(Function.identity());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allRejections")
    void everyRejectionIsAProblemThatNamesTheWrongInputAndNothingElse(Rejection rejection) {
        assertRejected(rejection, rejection.request().send(anonymous, journalWithNotes()));
    }

    /** URLs the security firewall refuses get the same problem+json as any other bad input, and change nothing. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/journals//timeline", "/api/journals/x/../timeline", "/api/journals/x;y=1/timeline"})
    void aRefusedUrlIsAProblemToo(String path) {
        ApiResponse response = as("clara").get(path);

        assertProblem(response, 400);
        assertThat(response.body().path("detail").asText()).isEqualTo("The request's URL is not allowed");
    }

    @Test
    void aRefusedUrlForAWriteStoresNothing() {
        Journal journal = journalWithNotes();
        JsonNode before = journals.timeline("anna", journal.journalId(), "").body();

        ApiResponse response = as("anna").post("/api/journals/" + journal.journalId() + "//notes",
                JournalApi.note("Through a refused URL."));

        assertProblem(response, 400);
        assertThat(journals.timeline("anna", journal.journalId(), "").body().path("entries"))
                .isEqualTo(before.path("entries"));
    }

    @Test
    void anUnknownContactTypeIsRefusedWithTheAllowedValues() {
        Journal journal = journalWithNotes();
        Map<String, Object> body = JournalApi.note("Phoned about the appointment.");
        body.put("contactType", "CHAT");

        ApiResponse response = as("anna").post(Target.RECORD_NOTE.path(journal), body);

        JsonNode error = assertInvalidField(response, "contactType");
        assertThat(error.get("message").asText()).contains(CONTACT_TYPES);
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        Journal journal = journalWithNotes();
        String notes = Target.RECORD_NOTE.path(journal);
        Map<String, Object> shortest = JournalApi.note("x", Instant.now().plus(Duration.ofMinutes(2)));
        shortest.put("durationMinutes", 1);
        Map<String, Object> longest = JournalApi.note("€".repeat(20_000));
        longest.put("durationMinutes", 1440);
        byte[] longestBody = ApiClient.json(longest).getBytes(StandardCharsets.UTF_8);
        assertThat(longestBody.length).as("20,000 three-byte characters fit in a body")
                .isBetween(60_000, BODY_LIMIT);

        assertThat(as("anna").post(notes, shortest).status()).isEqualTo(201);
        assertThat(as("anna").postBytes(notes, longestBody, "application/json").status()).isEqualTo(201);
        assertThat(as("anna").postStreamed(notes, longestBody, "application/json").status()).isEqualTo(201);
        ApiResponse corrected = as("anna").post(Target.CORRECT_NOTE.path(journal),
                Map.of("text", "y".repeat(20_000), "reason", "r".repeat(4_000)));
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
        ApiResponse retracted = as("anna").post(Target.RETRACT_NOTE.path(journal), Map.of("reason", "r".repeat(4_000)));
        assertThat(retracted.status()).as(retracted.toString()).isEqualTo(200);
        await().atMost(PROJECTION_WAIT).until(() -> as("clara")
                .get("/api/journals/" + journal.journalId() + "/timeline?size=200&page=0").status(), s -> s == 200);
    }

    @Test
    void rejectedRequestsChangeNothing() {
        Journal journal = journalWithNotes();
        ApiResponse before = await().atMost(PROJECTION_WAIT).until(() -> fullTimeline(journal),
                r -> r.status() == 200 && r.body().get("totalEntries").asInt() == 2
                        && r.body().get("entries").findValuesAsText("status").contains("RETRACTED"));
        JsonNode listBefore = await().atMost(PROJECTION_WAIT).until(() -> northJournals(),
                list -> list.findValuesAsText("journalId").contains(journal.journalId())
                        && !summaryOf(list, journal.journalId()).get("lastContactAt").isNull());

        List<Rejection> rejections = allRejections().toList();
        for (Rejection rejection : rejections) {
            assertRejected(rejection, rejection.request().send(anonymous, journal));
        }

        // Projections handle events in the order they were stored: once writes made after the rejections are
        // visible, anything a rejected request had stored would be visible too. The sentinel note lies before the
        // journal's last contact, so it leaves the journal's summary as it was.
        String sentinelNote = recordNote(journal, Instant.now().minus(Duration.ofHours(5)));
        String sentinelJournal = journals.openNorthJournal();
        ApiResponse after = await().atMost(PROJECTION_WAIT).until(() -> fullTimeline(journal),
                r -> r.status() == 200 && r.body().get("entries").findValuesAsText("entryId").contains(sentinelNote));
        JsonNode listAfter = await().atMost(PROJECTION_WAIT).until(() -> northJournals(),
                list -> list.findValuesAsText("journalId").contains(sentinelJournal));

        List<JsonNode> entriesAfter = new ArrayList<>();
        after.body().get("entries").forEach(entry -> {
            if (!entry.get("entryId").asText().equals(sentinelNote)) {
                entriesAfter.add(entry);
            }
        });
        List<JsonNode> entriesBefore = new ArrayList<>();
        before.body().get("entries").forEach(entriesBefore::add);
        assertThat(entriesAfter).isEqualTo(entriesBefore);
        assertThat(after.body().get("totalEntries").asInt()).isEqualTo(3);

        Set<String> expectedJournals = new HashSet<>(listBefore.findValuesAsText("journalId"));
        expectedJournals.add(sentinelJournal);
        assertThat(listAfter.findValuesAsText("journalId")).containsExactlyInAnyOrderElementsOf(expectedJournals);
        assertThat(summaryOf(listAfter, journal.journalId())).isEqualTo(summaryOf(listBefore, journal.journalId()));
    }

    private void assertRejected(Rejection rejection, ApiResponse response) {
        assertProblem(response, rejection.status());
        if (rejection.fields().isEmpty()) {
            assertThat(fields(response)).as(response.toString()).isEmpty();
        } else {
            assertThat(fields(response)).as(response.toString()).containsAnyElementsOf(rejection.fields());
            assertInvalidField(response, fields(response).stream().filter(rejection.fields()::contains)
                    .findFirst().orElseThrow());
        }
    }

    /** A fresh north journal with a note by anna (an hour ago) and a retracted note (two hours ago). */
    private Journal journalWithNotes() {
        String patientRef = "P-" + UUID.randomUUID();
        String journalId = journals.openJournal("david", "north", patientRef);
        Journal journal = new Journal(journalId, patientRef, null, null);
        String noteId = recordNote(journal, Instant.now().minus(Duration.ofHours(1)));
        String retractedNoteId = recordNote(journal, Instant.now().minus(Duration.ofHours(2)));
        ApiResponse retracted = as("anna").post(Target.RETRACT_NOTE.path(journalId, retractedNoteId),
                Map.of("reason", "Wrong patient"));
        assertThat(retracted.status()).as(retracted.toString()).isEqualTo(200);
        return new Journal(journalId, patientRef, noteId, retractedNoteId);
    }

    private String recordNote(Journal journal, Instant occurredAt) {
        ApiResponse response = as("anna").post(Target.RECORD_NOTE.path(journal),
                JournalApi.note("Went for a walk in the park.", occurredAt));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.body().get("noteId").asText();
    }

    private ApiResponse fullTimeline(Journal journal) {
        return journals.timeline("clara", journal.journalId(), "includeRetracted=true");
    }

    private JsonNode northJournals() {
        return as("clara").getAllPages("/api/journals?teamId=north").body();
    }

    private static JsonNode summaryOf(JsonNode list, String journalId) {
        for (JsonNode summary : list) {
            if (summary.get("journalId").asText().equals(journalId)) {
                return summary;
            }
        }
        throw new AssertionError("journal " + journalId + " not listed");
    }

    /** The body with {@code field} set to {@code value}; a supplier is asked for the value when the request is sent. */
    private static Rejection with(Target target, String description, String field, Object value) {
        return new Rejection(target + ": " + description, 400, Set.of(field), (client, journal) -> {
            Map<String, Object> body = target.validBody();
            body.put(field, value instanceof Supplier<?> supplier ? supplier.get() : value);
            return client.as(target.user).post(target.path(journal), body);
        });
    }

    private static Rejection raw(Target target, String description, int status, String body, String contentType) {
        return new Rejection(target + ": " + description, status, Set.of(), (client, journal) -> client
                .as(target.user).postBytes(target.path(journal), body.getBytes(StandardCharsets.UTF_8), contentType));
    }

    private static Rejection post(Target target, String description, int status, String field,
            Function<Journal, Ids> ids) {
        return new Rejection(target + ": " + description, status, field == null ? Set.of() : Set.of(field),
                (client, journal) -> {
                    Ids path = ids.apply(journal);
                    return client.as(target.user).post(target.path(path.journalId(), path.noteId()),
                            target.validBody());
                });
    }

    private static Rejection timeline(String query, String... fields) {
        return new Rejection("timeline: " + query, 400, Set.of(fields), (client, journal) -> client.as("clara")
                .get("/api/journals/" + journal.journalId() + "/timeline?" + query));
    }

    /** The target's valid body after whitespace that takes it over the limit: only its size is wrong. */
    private static byte[] oversizedBody(Target target) {
        return (" ".repeat(BODY_LIMIT + 1024) + ApiClient.json(target.validBody())).getBytes(StandardCharsets.UTF_8);
    }
}
