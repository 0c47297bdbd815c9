package org.peerjournal.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.shared.audit.JournalsShownEvent;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.actor.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.peerjournal.app.support.ProblemAssertions.assertProblem;
import static org.peerjournal.app.support.ProblemAssertions.fields;

/**
 * The bad-input catalogue (api.md, "Errors"): every write endpoint of the API, each with the same standard cases
 * drawn from a table of its fields. Each case must answer problem+json with its status (400, or 415 for a body
 * that is not JSON), name the wrong field where there is one, and store nothing: the event stream the endpoint
 * writes to holds as many events afterwards as before.
 */
class WriteInputCatalogueIT extends ApiIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final int NAME_MAX = 200;
    private static final int SHORT_TEXT_MAX = 4_000;
    private static final int LONG_TEXT_MAX = 20_000;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    /** What a field holds, which decides the standard wrong values tried for it. */
    enum Kind { TEXT, ENUM, INSTANT, WHOLE_NUMBER, BOOLEAN, TEXT_LIST }

    /**
     * One field of a request body: a valid value (a supplier for one that must be fresh), whether the request may
     * leave it out, and the limit of its length (texts), its value (whole numbers) or its entries (lists).
     */
    record Field(String name, Kind kind, Object valid, boolean required, int limit) {

        static Field text(String name, int maxLength, Object valid) {
            return new Field(name, Kind.TEXT, valid, true, maxLength);
        }

        static Field enumeration(String name, String valid) {
            return new Field(name, Kind.ENUM, valid, true, 0);
        }

        Object validValue() {
            return valid instanceof Supplier<?> supplier ? supplier.get() : valid;
        }

        /** The standard wrong values of this kind of field, each with what it is. */
        Map<String, Object> wrongValues() {
            Map<String, Object> wrong = new LinkedHashMap<>();
            switch (kind) {
                case TEXT -> {
                    wrong.put("a number", 42);
                    wrong.put("blank", "  \t ");
                    wrong.put((limit + 1) + " characters", "x".repeat(limit + 1));
                }
                case ENUM -> {
                    wrong.put("a number (an enum's ordinal)", 1);
                    wrong.put("an unknown value", "NOT_A_VALUE");
                    wrong.put("a valid value in lower case", ((String) valid).toLowerCase());
                }
                case INSTANT -> {
                    wrong.put("epoch seconds", 1_700_000_000);
                    wrong.put("epoch milliseconds as a string", "1700000000000");
                    wrong.put("without a zone", "2026-11-20T14:00:00");
                }
                case WHOLE_NUMBER -> {
                    wrong.put("a string", "30");
                    wrong.put("a fraction", 1.5);
                    wrong.put("below " + 1, 0);
                    wrong.put("above " + limit, limit + 1);
                }
                case BOOLEAN -> {
                    wrong.put("the string \"true\"", "true");
                    wrong.put("the number 1", 1);
                }
                case TEXT_LIST -> {
                    wrong.put("one string, not a list", "nurse on duty");
                    wrong.put("a number in the list", List.of(42));
                    wrong.put((limit + 1) + " entries", IntStream.rangeClosed(0, limit).mapToObj(i -> "nurse " + i)
                            .toList());
                    wrong.put("an entry of " + (NAME_MAX + 1) + " characters", List.of("n".repeat(NAME_MAX + 1)));
                }
            }
            wrong.put("an object", Map.of("value", "x"));
            return wrong;
        }
    }

    /**
     * Every endpoint that writes, with the user allowed to call it and its fields. Paths name the fixture's objects:
     * {@code {journal}}, {@code {note}}, {@code {open}} and {@code {acknowledged}} escalations, {@code {conflict}}
     * and {@code {finding}}.
     */
    enum WriteEndpoint {
        OPEN_JOURNAL("david", "/api/journals",
                Field.text("patientRef", NAME_MAX, (Supplier<Object>) () -> "P-" + UUID.randomUUID()),
                Field.text("displayName", NAME_MAX, "A new patient"),
                Field.text("teamId", NAME_MAX, "north")),
        RECORD_NOTE("anna", "/api/journals/{journal}/notes",
                Field.enumeration("contactType", "HOME_VISIT"),
                new Field("occurredAt", Kind.INSTANT,
                        (Supplier<Object>) () -> Instant.now().minus(Duration.ofHours(1)).toString(), true, 0),
                new Field("durationMinutes", Kind.WHOLE_NUMBER, 30, true, 1440),
                Field.text("text", LONG_TEXT_MAX, "Went for a walk in the park.")),
        CORRECT_NOTE("anna", "/api/journals/{journal}/notes/{note}/corrections",
                Field.text("text", LONG_TEXT_MAX, "Went for a walk by the lake."),
                Field.text("reason", SHORT_TEXT_MAX, "It was the lake")),
        RETRACT_NOTE("anna", "/api/journals/{journal}/notes/{note}/retraction",
                Field.text("reason", SHORT_TEXT_MAX, "Written in the wrong journal")),
        RAISE_ESCALATION("anna", "/api/journals/{journal}/escalations",
                Field.enumeration("category", "SUICIDE_RISK"),
                Field.enumeration("severity", "URGENT"),
                Field.text("description", LONG_TEXT_MAX, "Said she will take her own life this weekend."),
                new Field("patientInformed", Kind.BOOLEAN, true, true, 0),
                new Field("staffAlreadyInformed", Kind.TEXT_LIST, List.of("nurse on duty"), false, 20)),
        ACKNOWLEDGE_ESCALATION("clara", "/api/journals/{journal}/escalations/{open}/acknowledgement",
                Field.text("actionTaken", SHORT_TEXT_MAX, "Called the patient.")),
        RESOLVE_ESCALATION("clara", "/api/journals/{journal}/escalations/{acknowledged}/resolution",
                Field.text("outcome", SHORT_TEXT_MAX, "Crisis plan agreed.")),
        FLAG_LOYALTY_CONFLICT("anna", "/api/journals/{journal}/loyalty-conflicts",
                Field.enumeration("kind", "MEDICATION"),
                Field.text("description", LONG_TEXT_MAX, "Wants to stop the depot injection."),
                Field.text("patientPerspective", SHORT_TEXT_MAX, "The side effects are unbearable."),
                Field.text("staffPerspective", SHORT_TEXT_MAX, "Relapse risk is high."),
                new Field("supervisionRequested", Kind.BOOLEAN, true, true, 0)),
        DISCUSS_LOYALTY_CONFLICT("clara", "/api/journals/{journal}/loyalty-conflicts/{conflict}/discussions",
                Field.enumeration("forum", "SUPERVISION"),
                Field.text("summary", SHORT_TEXT_MAX, "Agreed to raise it with the psychiatrist.")),
        RESOLVE_LOYALTY_CONFLICT("david", "/api/journals/{journal}/loyalty-conflicts/{conflict}/resolution",
                Field.text("resolution", SHORT_TEXT_MAX, "A lower dose, reviewed in a month.")),
        CONCLUDE_ACCESS_FINDING("eva", "/api/audit/access-review/findings/{finding}/conclusion",
                Field.enumeration("conclusion", "JUSTIFIED"),
                Field.text("note", SHORT_TEXT_MAX, "Covering for a colleague, agreed with the team lead."));

        final String user;
        final String path;
        final List<Field> fields;

        WriteEndpoint(String user, String path, Field... fields) {
            this.user = user;
            this.path = path;
            this.fields = List.of(fields);
        }

        Map<String, Object> validBody() {
            Map<String, Object> body = new LinkedHashMap<>();
            fields.forEach(field -> body.put(field.name(), field.validValue()));
            return body;
        }

        String firstField() {
            return fields.get(0).name();
        }

        /** The ids the path is made of, as their placeholders. */
        List<String> placeholders() {
            return PLACEHOLDER.matcher(path).results().map(match -> match.group(1)).toList();
        }

        /** The command endpoints (all under /api/journals) take an Idempotency-Key. */
        boolean takesIdempotencyKey() {
            return path.startsWith("/api/journals");
        }

        @Override
        public String toString() {
            return "POST " + path;
        }
    }

    /** The objects the paths name, made once per endpoint, and how many events the endpoint's stream holds. */
    private record Fixture(Map<String, String> ids, Supplier<Long> storedEvents) {

        /** The endpoint's path to the fixture's objects, but for the ids {@code instead} replaces. */
        String path(WriteEndpoint endpoint, Map<String, String> instead) {
            String path = endpoint.path;
            for (Map.Entry<String, String> id : ids.entrySet()) {
                path = path.replace("{" + id.getKey() + "}", instead.getOrDefault(id.getKey(), id.getValue()));
            }
            return path;
        }
    }

    /**
     * One bad request: what it is, the status it must answer, the field it must name (null: none), and the path's
     * ids it replaces (a malformed or unknown id).
     */
    private record BadInput(String description, int status, String field, Map<String, String> pathIds,
            Sender sender) {

        BadInput(String description, int status, String field, Sender sender) {
            this(description, status, field, Map.of(), sender);
        }
    }

    /** Each placeholder's path variable: the name a malformed id is refused by (null: not a UUID, so not found). */
    private static final Map<String, String> PATH_VARIABLES = Map.of("journal", "journalId", "note", "noteId",
            "open", "escalationId", "acknowledged", "escalationId", "conflict", "conflictId");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    @FunctionalInterface
    private interface Sender {
        ApiResponse send(ApiClient caller, String path);
    }

    private final Map<WriteEndpoint, Fixture> fixtures = new EnumMap<>(WriteEndpoint.class);

    @TestFactory
    Stream<DynamicContainer> everyWriteEndpointRefusesEachBadInputNamingTheFieldAndStoresNothing() {
        Stream<DynamicContainer> bodies = Arrays.stream(WriteEndpoint.values()).map(endpoint -> dynamicContainer(
                endpoint.toString(),
                catalogue(endpoint).map(bad -> dynamicTest(bad.description(), () -> assertRefused(endpoint, bad)))));
        // The one write without a body: its only parameter is the projection's name.
        DynamicContainer replay = dynamicContainer("POST /api/admin/projections/{name}/replay", Stream.of(
                dynamicTest("an unknown projection", () -> assertReplayRefused("no-such-projection", 404)),
                dynamicTest("a handler with side effects", () -> assertReplayRefused("escalation-notifications", 409))));
        return Stream.concat(bodies, Stream.of(replay));
    }

    /** The standard cases: per field, and per body as a whole. */
    static Stream<BadInput> catalogue(WriteEndpoint endpoint) {
        List<BadInput> cases = new ArrayList<>();
        for (Field field : endpoint.fields) {
            if (field.required()) {
                cases.add(withField(endpoint, field.name() + " missing", field.name(), Absent.LEFT_OUT));
                cases.add(withField(endpoint, field.name() + " null", field.name(), Absent.NULL));
            }
            field.wrongValues().forEach((what, value) ->
                    cases.add(withField(endpoint, field.name() + " " + what, field.name(), value)));
        }
        cases.add(withField(endpoint, "an unknown property", "patientConsent", "yes"));
        String first = endpoint.firstField();
        cases.add(raw(endpoint, first + " twice", 400, first, valid -> valid.substring(0, valid.length() - 1)
                + ",\"" + first + "\":" + ApiClient.json(endpoint.validBody().get(first)) + "}", "application/json"));
        cases.add(raw(endpoint, "malformed JSON", 400, null, valid -> "{\"" + first + "\": ", "application/json"));
        cases.add(raw(endpoint, "garbage after the JSON object", 400, null, valid -> valid + " trailing",
                "application/json"));
        cases.add(raw(endpoint, "an empty body", 400, null, valid -> "", "application/json"));
        cases.add(raw(endpoint, "the body null", 400, null, valid -> "null", "application/json"));
        cases.add(raw(endpoint, "a JSON array", 400, null, valid -> "[" + valid + "]", "application/json"));
        cases.add(raw(endpoint, "Content-Type text/plain", 415, null, valid -> valid, "text/plain"));
        cases.add(raw(endpoint, "Content-Type form", 415, null, valid -> valid, "application/x-www-form-urlencoded"));
        cases.add(raw(endpoint, "no Content-Type", 415, null, valid -> valid, null));
        if (endpoint.takesIdempotencyKey()) {
            cases.add(new BadInput("an Idempotency-Key of 201 characters", 400, "Idempotency-Key", (caller, path) ->
                    caller.withHeader("Idempotency-Key", "k".repeat(201)).post(path, endpoint.validBody())));
        }
        for (String placeholder : endpoint.placeholders()) {
            String variable = PATH_VARIABLES.get(placeholder);
            String name = variable == null ? placeholder + "Id" : variable;
            cases.add(new BadInput("a malformed " + name, variable == null ? 404 : 400, variable,
                    Map.of(placeholder, "not-a-uuid"), (caller, path) -> caller.post(path, endpoint.validBody())));
            cases.add(new BadInput("an unknown " + name, 404, null, Map.of(placeholder,
                    variable == null ? "2024-02-07-00000000000000000000" : UUID.randomUUID().toString()),
                    (caller, path) -> caller.post(path, endpoint.validBody())));
        }
        return cases.stream();
    }

    private void assertRefused(WriteEndpoint endpoint, BadInput bad) {
        Fixture fixture = fixtures.computeIfAbsent(endpoint, this::fixture);
        long before = fixture.storedEvents().get();

        ApiResponse response = bad.sender().send(as(endpoint.user), fixture.path(endpoint, bad.pathIds()));

        assertProblem(response, bad.status());
        if (bad.field() == null) {
            assertThat(fields(response)).as(response.toString()).isEmpty();
        } else {
            assertThat(response.body().path("errors")).as(response.toString()).anySatisfy(error -> {
                assertThat(error.path("field").asText()).matches("\\Q" + bad.field() + "\\E([\\[.].*)?");
                assertThat(error.path("message").asText()).isNotBlank();
            });
        }
        assertThat(fixture.storedEvents().get()).as("events stored by " + endpoint + " after " + bad.description())
                .isEqualTo(before);
    }

    /** Refused, and no replay recorded for the other nodes to follow. */
    private void assertReplayRefused(String name, int status) {
        Supplier<Long> replays = () -> jdbc.queryForObject("select count(*) from projection_replay", Long.class);
        long before = replays.get();

        assertProblem(as("olle").postBytes("/api/admin/projections/" + name + "/replay", new byte[0], null), status);

        assertThat(replays.get()).isEqualTo(before);
    }

    /** What a bad request finds: a journal with everything the paths name, and a finding without a conclusion. */
    private Fixture fixture(WriteEndpoint endpoint) {
        if (endpoint == WriteEndpoint.OPEN_JOURNAL) {
            return new Fixture(Map.of(), () -> jdbc.queryForObject(
                    "select count(*) from domain_event_entry where payload_type like '%.JournalOpenedEvent'",
                    Long.class));
        }
        if (endpoint == WriteEndpoint.CONCLUDE_ACCESS_FINDING) {
            String findingId = unconcludedFinding();
            return new Fixture(Map.of("finding", findingId), () -> streamLength("access-finding:" + findingId));
        }
        String journalId = journals.openNorthJournal();
        String noteId = journals.recordNote(journalId, "Talked about the move.");
        String open = journals.raiseEscalation(journalId, "URGENT").body().get("escalationId").asText();
        String acknowledged = journals.raiseEscalation(journalId, "ROUTINE").body().get("escalationId").asText();
        assertThat(journals.acknowledge("clara", journalId, acknowledged, "Called.").status()).isEqualTo(200);
        ApiResponse flagged = as("anna").post("/api/journals/" + journalId + "/loyalty-conflicts",
                WriteEndpoint.FLAG_LOYALTY_CONFLICT.validBody());
        assertThat(flagged.status()).as(flagged.toString()).isEqualTo(201);
        return new Fixture(Map.of("journal", journalId, "note", noteId, "open", open, "acknowledged", acknowledged,
                "conflict", flagged.body().get("conflictId").asText()), () -> streamLength(journalId));
    }

    private long streamLength(String streamId) {
        return eventStore.readEvents(streamId).asStream().count();
    }

    /**
     * A NO_CARE_RELATION finding of its own: a clinician who exists only here read a journal they have no part in,
     * on a day long past.
     */
    private String unconcludedFinding() {
        String journalId = journals.openNorthJournal();
        Actor reader = new Actor("rita-" + UUID.randomUUID(), Role.CLINICIAN, "north");
        LocalDate day = LocalDate.of(2024, 2, 7);
        Instant from = day.atStartOfDay(STOCKHOLM).toInstant();
        EventMessage<?> read = new GenericEventMessage<>(UUID.randomUUID().toString(),
                new JournalsShownEvent("timeline", List.of(new JournalsShownEvent.Shown(UUID.fromString(journalId),
                        "north"))), ActorMetaData.of(reader), from.plus(Duration.ofHours(10)));
        eventStore.publish(read);
        String review = "/api/audit/access-review?from=" + from + "&to=" + day.plusDays(1).atStartOfDay(STOCKHOLM)
                .toInstant();
        JsonNode finding = await().atMost(WAIT).until(() -> findingOf(as("eva").get(review), reader.userId()),
                found -> found != null);
        return finding.get("findingId").asText();
    }

    private static JsonNode findingOf(ApiResponse review, String userId) {
        assertThat(review.status()).as(review.toString()).isEqualTo(200);
        for (JsonNode finding : review.body().get("findings")) {
            if (finding.get("userId").asText().equals(userId)) {
                return finding;
            }
        }
        return null;
    }

    /** How a field is absent from a body. */
    private enum Absent { LEFT_OUT, NULL }

    /** The endpoint's valid body with one field changed, left out or null. */
    private static BadInput withField(WriteEndpoint endpoint, String description, String field, Object value) {
        return new BadInput(description, 400, field, (caller, path) -> {
            Map<String, Object> body = endpoint.validBody();
            if (value == Absent.LEFT_OUT) {
                body.remove(field);
            } else {
                body.put(field, value == Absent.NULL ? null : value);
            }
            return caller.post(path, body);
        });
    }

    /** A body made from the endpoint's valid one as JSON text, sent with the given Content-Type (null: none). */
    private static BadInput raw(WriteEndpoint endpoint, String description, int status, String field,
            UnaryOperator<String> fromValid, String contentType) {
        return new BadInput(description, status, field, (caller, path) -> caller.postBytes(path,
                fromValid.apply(ApiClient.json(endpoint.validBody())).getBytes(StandardCharsets.UTF_8),
                contentType));
    }
}
