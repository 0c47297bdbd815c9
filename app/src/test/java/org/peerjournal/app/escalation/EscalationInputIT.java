package org.peerjournal.app.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerjournal.app.escalation.EscalationProbe.JournalState;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.peerjournal.app.escalation.EscalationProbe.PROJECTION_WAIT;

/**
 * Bad input to the escalation endpoints is answered with a problem that names what was wrong, never with
 * internals, and stores nothing. Each case runs against a journal holding one open and one acknowledged
 * escalation; afterwards the journal holds exactly those two, in the same states, and nothing else.
 */
class EscalationInputIT extends ApiIntegrationTest {

    private static final String RAISE = "POST /api/journals/{journal}/escalations";
    private static final String ACKNOWLEDGE = "POST /api/journals/{journal}/escalations/{open}/acknowledgement";
    private static final String RESOLVE = "POST /api/journals/{journal}/escalations/{acknowledged}/resolution";
    private static final String ALL_CATEGORIES =
            "SUICIDE_RISK, SELF_HARM, HARM_TO_OTHERS, ACUTE_DETERIORATION, SAFEGUARDING, OTHER";

    @Autowired
    EventStore eventStore;

    private EscalationProbe probe;

    @BeforeEach
    void probe() {
        probe = new EscalationProbe(anonymous, eventStore);
    }

    /** One bad request: what is sent, and the status and field the answer must name (null: no field). */
    record BadRequest(String request, Object body, int status, String field, String messageContains) {

        @Override
        public String toString() {
            return request;
        }
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                arguments("unknown category", new BadRequest(RAISE, raiseWith("category", "WEATHER"),
                        400, "category", ALL_CATEGORIES)),
                arguments("unknown severity", new BadRequest(RAISE, raiseWith("severity", "SOMETIME"),
                        400, "severity", "IMMEDIATE, URGENT, ROUTINE")),
                arguments("missing description", new BadRequest(RAISE, raiseWith("description", null),
                        400, "description", null)),
                arguments("blank description", new BadRequest(RAISE, raiseWith("description", " \n\t "),
                        400, "description", null)),
                arguments("description of 20,001 characters", new BadRequest(RAISE,
                        raiseWith("description", "x".repeat(20_001)), 400, "description", "20000")),
                arguments("patientInformed missing", new BadRequest(RAISE, raiseWith("patientInformed", null),
                        400, "patientInformed", null)),
                arguments("staffAlreadyInformed with a blank name", new BadRequest(RAISE,
                        raiseWith("staffAlreadyInformed", List.of("nurse on duty", "  ")),
                        400, "staffAlreadyInformed", null)),
                arguments("staffAlreadyInformed with a line break in a name", new BadRequest(RAISE,
                        raiseWith("staffAlreadyInformed", List.of("nurse\non duty")),
                        400, "staffAlreadyInformed", "line breaks")),
                arguments("staffAlreadyInformed with 21 names", new BadRequest(RAISE,
                        raiseWith("staffAlreadyInformed", names(21, 10)), 400, "staffAlreadyInformed", "20")),
                arguments("acknowledgement without actionTaken", new BadRequest(ACKNOWLEDGE, Map.of(),
                        400, "actionTaken", null)),
                arguments("acknowledgement with an actionTaken of 4,001 characters", new BadRequest(ACKNOWLEDGE,
                        Map.of("actionTaken", "x".repeat(4_001)), 400, "actionTaken", "4000")),
                arguments("resolution without outcome", new BadRequest(RESOLVE, Map.of(),
                        400, "outcome", null)),
                arguments("malformed escalation id", new BadRequest(
                        "POST /api/journals/{journal}/escalations/not-a-uuid/acknowledgement",
                        Map.of("actionTaken", "Called the patient."), 400, "escalationId", "UUID")),
                arguments("malformed journal id", new BadRequest("POST /api/journals/12345/escalations",
                        JournalApi.escalation("URGENT"), 400, "journalId", "UUID")),
                arguments("unknown escalation id, acknowledged", new BadRequest(
                        "POST /api/journals/{journal}/escalations/{unknown}/acknowledgement",
                        Map.of("actionTaken", "Called the patient."), 404, null, null)),
                arguments("unknown escalation id, resolved", new BadRequest(
                        "POST /api/journals/{journal}/escalations/{unknown}/resolution",
                        Map.of("outcome", "Crisis plan agreed."), 404, null, null)),
                arguments("unknown journal, raised", new BadRequest("POST /api/journals/{unknown}/escalations",
                        JournalApi.escalation("URGENT"), 404, null, null)),
                arguments("unknown journal, acknowledged", new BadRequest(
                        "POST /api/journals/{unknown}/escalations/{open}/acknowledgement",
                        Map.of("actionTaken", "Called the patient."), 404, null, null)),
                arguments("severity as the number 0", new BadRequest(RAISE, raiseWith("severity", 0),
                        400, "severity", null)),
                arguments("category as the number 1", new BadRequest(RAISE, raiseWith("category", 1),
                        400, "category", null)),
                arguments("patientInformed as the string true", new BadRequest(RAISE,
                        raiseWith("patientInformed", "true"), 400, "patientInformed", null)),
                arguments("patientInformed as the number 1", new BadRequest(RAISE, raiseWith("patientInformed", 1),
                        400, "patientInformed", null)),
                arguments("description as a number", new BadRequest(RAISE, raiseWith("description", 7),
                        400, "description", null)),
                arguments("staffAlreadyInformed as one string, not a list", new BadRequest(RAISE,
                        raiseWith("staffAlreadyInformed", "nurse on duty"), 400, "staffAlreadyInformed", null)),
                arguments("an unknown property", new BadRequest(RAISE, raiseWith("priority", "high"),
                        400, "priority", "not a field")),
                arguments("acknowledgement with actionTaken as a number", new BadRequest(ACKNOWLEDGE,
                        Map.of("actionTaken", 12), 400, "actionTaken", null)),
                arguments("acknowledgement with an unknown property", new BadRequest(ACKNOWLEDGE,
                        Map.of("actionTaken", "Called.", "acknowledgedBy", "someone else"), 400, "acknowledgedBy",
                        "not a field")),
                arguments("resolution with outcome as a list", new BadRequest(RESOLVE,
                        Map.of("outcome", List.of("Crisis plan agreed.")), 400, "outcome", null)),
                arguments("queue status NOPE", new BadRequest("GET /api/escalations?status=NOPE", null,
                        400, "status", "OPEN, ACKNOWLEDGED, RESOLVED")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badRequests")
    void badInputIsNamedInAProblemAndStoresNothing(String what, BadRequest bad) {
        String journalId = journals.openNorthJournal();
        String open = probe.raise(journalId, "URGENT");
        String acknowledged = probe.raise(journalId, "ROUTINE");
        probe.acknowledge("clara", journalId, acknowledged);
        JournalState before = probe.awaitSettled(journalId, Map.of(open, "OPEN", acknowledged, "ACKNOWLEDGED"));
        String[] request = bad.request()
                .replace("{journal}", journalId)
                .replace("{open}", open)
                .replace("{acknowledged}", acknowledged)
                .replace("{unknown}", UUID.randomUUID().toString())
                .split(" ", 2);
        // Each request is sent by someone allowed to make it: anna raises, clara acknowledges, resolves and reads.
        String user = request[1].startsWith("/api/journals/") && request[1].endsWith("/escalations")
                ? "anna" : "clara";

        ApiResponse response = request[0].equals("GET") ? as(user).get(request[1])
                : as(user).post(request[1], bad.body());

        assertThat(response.status()).as(response.toString()).isEqualTo(bad.status());
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("status").asInt()).isEqualTo(bad.status());
        assertThat(response.rawBody()).doesNotContain("Exception", "org.", "java.", "SQL");
        if (bad.field() != null) {
            JsonNode error = errorNaming(response, bad.field());
            if (bad.messageContains() != null) {
                assertThat(error.get("message").asText()).contains(bad.messageContains());
            }
        }
        probe.assertNothingStored(before);
    }

    @Test
    void inputAtTheLimitsIsAcceptedAndKeptWhole() {
        String journalId = journals.openNorthJournal();
        String description = "d".repeat(20_000);
        List<String> staff = names(20, 200);
        Map<String, Object> body = raiseWith("description", description);
        body.put("staffAlreadyInformed", staff);
        ApiResponse raised = as("anna").post("/api/journals/" + journalId + "/escalations", body);
        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        String escalationId = raised.body().get("escalationId").asText();
        String actionTaken = "a".repeat(4_000);
        String outcome = "o".repeat(4_000);

        assertThat(journals.acknowledge("clara", journalId, escalationId, actionTaken).status()).isEqualTo(200);
        assertThat(journals.resolve("clara", journalId, escalationId, outcome).status()).isEqualTo(200);

        JsonNode lifecycle = await().atMost(PROJECTION_WAIT)
                .until(() -> probe.timelineEntry(journalId, escalationId),
                        entry -> entry != null && entry.get("status").asText().equals("RESOLVED"))
                .get("escalation");
        assertThat(lifecycle.get("description").asText()).isEqualTo(description);
        List<String> shownStaff = new ArrayList<>();
        lifecycle.get("staffAlreadyInformed").forEach(name -> shownStaff.add(name.asText()));
        assertThat(shownStaff).isEqualTo(staff);
        assertThat(lifecycle.get("actionTaken").asText()).isEqualTo(actionTaken);
        assertThat(lifecycle.get("outcome").asText()).isEqualTo(outcome);
    }

    private static JsonNode errorNaming(ApiResponse response, String field) {
        JsonNode errors = response.body().get("errors");
        assertThat(errors).as("errors of " + response).isNotNull();
        for (JsonNode error : errors) {
            if (error.get("field").asText().startsWith(field)) {
                return error;
            }
        }
        throw new AssertionError("No error names " + field + ": " + response);
    }

    /** A valid raise body with one field changed, or left out when {@code value} is null. */
    private static Map<String, Object> raiseWith(String field, Object value) {
        Map<String, Object> body = new LinkedHashMap<>(JournalApi.escalation("URGENT"));
        if (value == null) {
            body.remove(field);
        } else {
            body.put(field, value);
        }
        return body;
    }

    /** {@code count} distinct names of exactly {@code length} characters. */
    private static List<String> names(int count, int length) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> {
                    String prefix = "staff " + i + " ";
                    return prefix + "n".repeat(length - prefix.length());
                })
                .toList();
    }
}
