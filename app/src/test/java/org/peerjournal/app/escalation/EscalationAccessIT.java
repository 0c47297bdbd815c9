package org.peerjournal.app.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerjournal.app.escalation.EscalationProbe.JournalState;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.EventStreamReader;
import org.peerjournal.app.support.JournalApi;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.peerjournal.app.escalation.EscalationProbe.ANONYMOUS;
import static org.peerjournal.app.escalation.EscalationProbe.PROJECTION_WAIT;

/**
 * Who may do what with escalations, for every escalation endpoint and every demo user (and no user): anna is a
 * PSW of north, bo a PSW of south, clara a clinician and david the team lead of north, eva an auditor, olle an
 * admin. Every journal here belongs to north. A refused write stores nothing.
 */
class EscalationAccessIT extends ApiIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    EventStore eventStore;

    private EscalationProbe probe;

    @BeforeEach
    void probe() {
        probe = new EscalationProbe(anonymous, eventStore);
    }

    static Stream<Arguments> raising() {
        return Stream.of(
                // who,      answer
                arguments("anna", 201),     // PSW of the journal's team
                arguments("bo", 404),       // PSW of another team: the journal "does not exist" for him
                arguments("clara", 403),    // clinicians acknowledge, they do not raise
                arguments("david", 403),
                arguments("eva", 403),      // auditors read through the audit endpoints only
                arguments("olle", 403),     // admins see no patient content
                arguments(ANONYMOUS, 401));
    }

    @ParameterizedTest(name = "{0} raising an escalation in a journal of north: {1}")
    @MethodSource("raising")
    void onlyAPeerSupportWorkerOfTheJournalsTeamRaisesEscalations(String user, int expected) {
        String journalId = journals.openNorthJournal();
        JournalState before = probe.awaitSettled(journalId, Map.of());

        ApiResponse response = probe.client(user).post(escalationsOf(journalId), JournalApi.escalation("URGENT"));

        assertThat(response.status()).as(response.toString()).isEqualTo(expected);
        if (expected == 201) {
            String escalationId = response.body().get("escalationId").asText();
            assertThat(probe.storedEvents(journalId)).isEqualTo(before.storedEvents() + 1);
            probe.awaitSettled(journalId, Map.of(escalationId, "OPEN"));
            assertThat(probe.queueEntry(journalId, escalationId).get("raisedBy").asText()).isEqualTo(user);
            return;
        }
        assertProblem(response, expected);
        if (expected == 404) {
            ApiResponse unknownJournal = probe.client(user).post(escalationsOf(UUID.randomUUID().toString()),
                    JournalApi.escalation("URGENT"));
            assertThat(unknownJournal.status()).isEqualTo(404);
            assertThat(withoutInstance(response.body())).as("indistinguishable from an unknown journal")
                    .isEqualTo(withoutInstance(unknownJournal.body()));
        }
        probe.assertNothingStored(before);
    }

    static Stream<Arguments> acknowledging() {
        return Stream.of(
                // who,      answer
                arguments("clara", 200),    // clinician of the team
                arguments("david", 200),    // team lead of the team
                arguments("anna", 403),     // PSWs raise; someone else must act on it
                arguments("bo", 403),       // a PSW: his role is refused before his team is looked at
                arguments("eva", 403),
                arguments("olle", 403),
                arguments(ANONYMOUS, 401));
    }

    @ParameterizedTest(name = "{0} acknowledging an escalation of north: {1}")
    @MethodSource("acknowledging")
    void onlyClinicalStaffOfTheTeamAcknowledge(String user, int expected) {
        String journalId = journals.openNorthJournal();
        String escalationId = probe.raise(journalId, "URGENT");
        JournalState before = probe.awaitSettled(journalId, Map.of(escalationId, "OPEN"));

        ApiResponse response = probe.client(user).post(escalationsOf(journalId) + "/" + escalationId
                + "/acknowledgement", Map.of("actionTaken", "Called the patient."));

        assertThat(response.status()).as(response.toString()).isEqualTo(expected);
        if (expected == 200) {
            probe.awaitSettled(journalId, Map.of(escalationId, "ACKNOWLEDGED"));
            assertThat(probe.queueEntry(journalId, escalationId).get("acknowledgedBy").asText()).isEqualTo(user);
            return;
        }
        assertProblem(response, expected);
        probe.assertNothingStored(before);
    }

    static Stream<Arguments> resolving() {
        return Stream.of(
                // who,      answer
                arguments("clara", 200),
                arguments("david", 200),
                arguments("anna", 403),
                arguments("bo", 403),
                arguments("eva", 403),
                arguments("olle", 403),
                arguments(ANONYMOUS, 401));
    }

    @ParameterizedTest(name = "{0} resolving an acknowledged escalation of north: {1}")
    @MethodSource("resolving")
    void onlyClinicalStaffOfTheTeamResolve(String user, int expected) {
        String journalId = journals.openNorthJournal();
        String escalationId = probe.raise(journalId, "URGENT");
        probe.acknowledge("clara", journalId, escalationId);
        JournalState before = probe.awaitSettled(journalId, Map.of(escalationId, "ACKNOWLEDGED"));

        ApiResponse response = probe.client(user).post(escalationsOf(journalId) + "/" + escalationId
                + "/resolution", Map.of("outcome", "Crisis plan agreed."));

        assertThat(response.status()).as(response.toString()).isEqualTo(expected);
        if (expected == 200) {
            probe.awaitSettled(journalId, Map.of(escalationId, "RESOLVED"));
            return;
        }
        assertProblem(response, expected);
        probe.assertNothingStored(before);
    }

    static Stream<Arguments> readingTheQueue() {
        return Stream.of(
                // who,      teamId,  answer, sees north's escalation
                arguments("anna", null, 200, true),
                arguments("clara", null, 200, true),
                arguments("david", null, 200, true),
                arguments("clara", "north", 200, true),
                arguments("clara", "south", 403, false),
                arguments("bo", null, 200, false),         // his own team's queue: south's
                arguments("bo", "north", 403, false),
                arguments("eva", null, 403, false),
                arguments("eva", "north", 403, false),
                arguments("olle", null, 403, false),
                arguments(ANONYMOUS, null, 401, false));
    }

    @ParameterizedTest(name = "{0} reading the queue of team {1}: {2}, sees north''s escalation: {3}")
    @MethodSource("readingTheQueue")
    void theQueueIsReadByMembersOfItsTeamOnly(String user, String teamId, int expected, boolean seesNorth) {
        String journalId = journals.openNorthJournal();
        String escalationId = probe.raise(journalId, "URGENT");
        probe.awaitSettled(journalId, Map.of(escalationId, "OPEN"));

        ApiResponse response = probe.client(user).getAllPages("/api/escalations" + (teamId == null ? "" : "?teamId=" + teamId));

        assertThat(response.status()).as(response.toString()).isEqualTo(expected);
        if (expected != 200) {
            assertProblem(response, expected);
            return;
        }
        String team = teamOf(user);
        List<String> ids = response.body().findValuesAsText("escalationId");
        assertThat(response.body().findValuesAsText("teamId")).as("only the queue of " + team).allMatch(team::equals);
        if (seesNorth) {
            assertThat(ids).contains(escalationId);
        } else {
            assertThat(ids).doesNotContain(escalationId);
        }
    }

    static Stream<Arguments> openingTheStream() {
        return Stream.of(
                // who,      teamId,  answer
                arguments("anna", null, 200),
                arguments("clara", null, 200),
                arguments("david", null, 200),
                arguments("bo", null, 200),
                arguments("clara", "north", 200),
                arguments("clara", "south", 403),
                arguments("bo", "north", 403),
                arguments("eva", null, 403),
                arguments("olle", null, 403),
                arguments(ANONYMOUS, null, 401));
    }

    @ParameterizedTest(name = "{0} opening the stream of team {1}: {2}")
    @MethodSource("openingTheStream")
    void theStreamIsOpenedByMembersOfItsTeamOnly(String user, String teamId, int expected) {
        HttpResponse<Stream<String>> response = openStream(user, teamId);
        try (Stream<String> body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(expected);
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (expected == 200) {
                assertThat(contentType).startsWith("text/event-stream");
                // The first event names the team whose escalations follow; read it before hanging up.
                CompletableFuture<String> firstEvent = CompletableFuture.supplyAsync(() -> body
                        .filter(line -> line.startsWith("event:") || line.startsWith("data:")).limit(2)
                        .collect(Collectors.joining("\n")));
                assertThat(firstEvent).succeedsWithin(Duration.ofSeconds(10)).asString()
                        .contains("event:subscribed").contains("\"teamId\":\"" + teamOf(user) + "\"");
                return;
            }
            assertThat(contentType).startsWith("application/problem+json");
            String problem = String.join("\n", (Iterable<String>) body::iterator);
            assertThat(problem).contains("\"status\":" + expected);
            assertNoInternals(problem);
        }
    }

    @Test
    void southsStreamNeverCarriesAnEscalationOfNorth() {
        String journalId = journals.openNorthJournal();
        String streamUrl = baseUrl() + "/api/escalations/stream";
        try (EventStreamReader bosStream = EventStreamReader.open(streamUrl, "bo");
                EventStreamReader clarasStream = EventStreamReader.open(streamUrl, "clara")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !bosStream.events("subscribed").isEmpty()
                    && !clarasStream.events("subscribed").isEmpty());
            assertThat(bosStream.events("subscribed").get(0).json().get("teamId").asText()).isEqualTo("south");

            String escalationId = probe.raise(journalId, "URGENT");
            await().atMost(PROJECTION_WAIT).until(() -> changes(clarasStream, escalationId).contains("RAISED"));
            probe.acknowledge("clara", journalId, escalationId);
            probe.resolve("david", journalId, escalationId);
            await().atMost(PROJECTION_WAIT).until(() -> changes(clarasStream, escalationId).contains("RESOLVED"));

            // Clara has had all three; whatever bo would have had was sent at the same time. Keep watching briefly.
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> changes(bosStream, escalationId).isEmpty());
            assertThat(bosStream.events("escalation")).as("bo's stream carries south's escalations only")
                    .allSatisfy(event -> assertThat(event.json().get("teamId").asText()).isEqualTo("south"));
            assertThat(changes(clarasStream, escalationId)).containsExactly("RAISED", "ACKNOWLEDGED", "RESOLVED");
        }
    }

    private static String teamOf(String user) {
        return "bo".equals(user) ? "south" : "north";
    }

    private static String escalationsOf(String journalId) {
        return "/api/journals/" + journalId + "/escalations";
    }

    private static List<String> changes(EventStreamReader stream, String escalationId) {
        return stream.events("escalation").stream().map(EventStreamReader.ServerSentEvent::json)
                .filter(view -> view.get("escalationId").asText().equals(escalationId))
                .map(view -> view.get("change").asText()).toList();
    }

    private HttpResponse<Stream<String>> openStream(String user, String teamId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/escalations/stream"
                        + (teamId == null ? "" : "?teamId=" + teamId)))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).GET();
        if (!ANONYMOUS.equals(user)) {
            String credential = user + ":" + user + "-demo";
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credential.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertProblem(ApiResponse response, int status) {
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
        assertThat(response.body().get("title").asText()).isNotBlank();
        assertNoInternals(response.rawBody());
    }

    private static void assertNoInternals(String rawBody) {
        assertThat(rawBody).doesNotContain("Exception", "org.", "java.", "SQL");
    }

    private static JsonNode withoutInstance(JsonNode problem) {
        ObjectNode copy = problem.deepCopy();
        copy.remove("instance");
        return copy;
    }
}
