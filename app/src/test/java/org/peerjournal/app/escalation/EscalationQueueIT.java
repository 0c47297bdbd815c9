package org.peerjournal.app.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.peerjournal.app.escalation.EscalationProbe.PROJECTION_WAIT;

/**
 * The escalation queue, the journal list's open count and the timeline's escalation entry, as api.md describes
 * them, and the lifecycle's state conflicts. The store is shared, so each test looks at its own journal only.
 */
class EscalationQueueIT extends ApiIntegrationTest {

    private static final List<String> QUEUE_FIELDS = List.of("escalationId", "journalId", "category", "severity",
            "status", "raisedAt", "raisedBy", "acknowledgeBy", "acknowledgedAt", "acknowledgedBy", "resolvedAt",
            "overdue");

    @Autowired
    EventStore eventStore;

    private EscalationProbe probe;

    @BeforeEach
    void probe() {
        probe = new EscalationProbe(anonymous, eventStore);
    }

    @Test
    void aQueueEntryCarriesEveryFieldOfTheContractThroughTheLifecycle() {
        String journalId = journals.openNorthJournal();
        ApiResponse raised = journals.raiseEscalation(journalId, "URGENT");
        String escalationId = raised.body().get("escalationId").asText();
        Instant acknowledgeBy = Instant.parse(raised.body().get("acknowledgeBy").asText());

        JsonNode open = await().atMost(PROJECTION_WAIT).until(() -> probe.queue(journalId), q -> q.size() == 1)
                .get(0);
        assertThat(open.fieldNames()).toIterable().containsAll(QUEUE_FIELDS);
        assertThat(open.get("escalationId").asText()).isEqualTo(escalationId);
        assertThat(open.get("journalId").asText()).isEqualTo(journalId);
        assertThat(open.get("category").asText()).isEqualTo("SUICIDE_RISK");
        assertThat(open.get("severity").asText()).isEqualTo("URGENT");
        assertThat(open.get("status").asText()).isEqualTo("OPEN");
        assertThat(open.get("raisedBy").asText()).isEqualTo("anna");
        assertThat(Instant.parse(open.get("acknowledgeBy").asText())).isEqualTo(acknowledgeBy);
        assertThat(Duration.between(Instant.parse(open.get("raisedAt").asText()), acknowledgeBy))
                .as("URGENT: two hours to acknowledge").isBetween(Duration.ofMinutes(119), Duration.ofMinutes(120));
        assertThat(open.get("acknowledgedAt").isNull()).isTrue();
        assertThat(open.get("acknowledgedBy").isNull()).isTrue();
        assertThat(open.get("resolvedAt").isNull()).isTrue();
        assertThat(open.get("overdue").asBoolean()).isFalse();
        assertThat(open.toString()).as("the queue carries no free text")
                .doesNotContain("Said she will take her own life");

        probe.acknowledge("clara", journalId, escalationId);
        probe.resolve("david", journalId, escalationId);

        JsonNode resolved = await().atMost(PROJECTION_WAIT).until(() -> probe.queueEntry(journalId, escalationId),
                entry -> entry != null && entry.get("status").asText().equals("RESOLVED"));
        assertThat(resolved.fieldNames()).toIterable().containsAll(QUEUE_FIELDS);
        assertThat(resolved.get("acknowledgedBy").asText()).isEqualTo("clara");
        Instant acknowledgedAt = Instant.parse(resolved.get("acknowledgedAt").asText());
        Instant resolvedAt = Instant.parse(resolved.get("resolvedAt").asText());
        assertThat(acknowledgedAt).isAfterOrEqualTo(Instant.parse(resolved.get("raisedAt").asText()))
                .isBefore(acknowledgeBy);
        assertThat(resolvedAt).isAfterOrEqualTo(acknowledgedAt);
        assertThat(resolved.get("overdue").asBoolean()).isFalse();
    }

    @Test
    void theQueueShowsOverdueFirstThenTheNearestDeadline() {
        String journalId = journals.openNorthJournal();
        // Raised in the reverse of the expected order, so the order of raising cannot pass for the queue's order.
        String routine = probe.raise(journalId, "ROUTINE");
        String urgent = probe.raise(journalId, "URGENT");
        String immediate = probe.raise(journalId, "IMMEDIATE");

        await().atMost(IMMEDIATE_DEADLINE.plus(PROJECTION_WAIT)).until(() -> probe.queueEntry(journalId, immediate),
                entry -> entry != null && entry.get("overdue").asBoolean());

        List<JsonNode> queue = probe.queue(journalId);
        assertThat(queue).extracting(entry -> entry.get("escalationId").asText())
                .containsExactly(immediate, urgent, routine);
        assertThat(queue).extracting(entry -> entry.get("overdue").asBoolean()).containsExactly(true, false, false);
        assertThat(queue).extracting(entry -> entry.get("status").asText()).containsOnly("OPEN");
        JsonNode lifecycle = await().atMost(PROJECTION_WAIT).until(() -> probe.timelineEntry(journalId, immediate),
                entry -> entry != null && entry.get("escalation").get("overdue").asBoolean()).get("escalation");
        assertThat(Instant.parse(lifecycle.get("overdueAt").asText()))
                .isAfterOrEqualTo(Instant.parse(lifecycle.get("acknowledgeBy").asText()));
    }

    @Test
    void anOverdueEscalationComesBeforeAnEarlierDeadlineThatWasMet() {
        String journalId = journals.openNorthJournal();
        String metInTime = probe.raise(journalId, "IMMEDIATE");
        probe.acknowledge("clara", journalId, metInTime);
        String missed = probe.raise(journalId, "IMMEDIATE");

        await().atMost(IMMEDIATE_DEADLINE.plus(PROJECTION_WAIT)).until(() -> probe.queueEntry(journalId, missed),
                entry -> entry != null && entry.get("overdue").asBoolean());

        List<JsonNode> queue = probe.queue(journalId);
        assertThat(queue).extracting(entry -> entry.get("escalationId").asText()).containsExactly(missed, metInTime);
        JsonNode met = queue.get(1);
        assertThat(met.get("overdue").asBoolean()).as("acknowledged within its deadline").isFalse();
        assertThat(Instant.parse(met.get("acknowledgeBy").asText()))
                .as("its deadline is the earlier one").isBefore(Instant.parse(queue.get(0).get("acknowledgeBy")
                        .asText()));
    }

    @Test
    void theStatusParameterFiltersTheQueue() {
        String journalId = journals.openNorthJournal();
        String open = probe.raise(journalId, "URGENT");
        String acknowledged = probe.raise(journalId, "URGENT");
        String resolved = probe.raise(journalId, "ROUTINE");
        probe.acknowledge("clara", journalId, acknowledged);
        probe.acknowledge("clara", journalId, resolved);
        probe.resolve("clara", journalId, resolved);
        probe.awaitSettled(journalId, Map.of(open, "OPEN", acknowledged, "ACKNOWLEDGED", resolved, "RESOLVED"));

        Map<String, String> byStatus = new LinkedHashMap<>();
        byStatus.put("OPEN", open);
        byStatus.put("ACKNOWLEDGED", acknowledged);
        byStatus.put("RESOLVED", resolved);
        byStatus.forEach((status, escalationId) -> {
            ApiResponse answer = as("david").getAllPages("/api/escalations?status=" + status);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.body().findValuesAsText("status")).as("every entry of status=" + status)
                    .allMatch(status::equals);
            assertThat(probe.queue("david", journalId, "status=" + status))
                    .extracting(entry -> entry.get("escalationId").asText()).containsExactly(escalationId);
        });
        assertThat(probe.queue("david", journalId, "")).as("no status: all of them").hasSize(3);
    }

    @Test
    void theJournalListCountsEscalationsWaitingForAcknowledgement() {
        String journalId = journals.openNorthJournal();
        await().atMost(PROJECTION_WAIT).until(() -> openEscalations(journalId) == 0);
        String first = probe.raise(journalId, "URGENT");
        probe.raise(journalId, "ROUTINE");
        await().atMost(PROJECTION_WAIT).until(() -> openEscalations(journalId) == 2);

        probe.acknowledge("clara", journalId, first);
        await().atMost(PROJECTION_WAIT).until(() -> openEscalations(journalId) == 1);

        probe.resolve("clara", journalId, first);
        // The list also shows the last contact: once a note recorded after the resolution shows, the resolution
        // has been handled too (one journal, one ordered stream).
        journals.recordNote(journalId, "Talked about the safety plan.");
        await().atMost(PROJECTION_WAIT).until(() -> !journalSummary(journalId).get("lastContactAt").isNull());
        assertThat(openEscalations(journalId)).as("resolving takes nothing more off the count").isEqualTo(1);
    }

    @Test
    void theLifecycleRefusesStepsOutOfOrderAndStoresNothingForThem() {
        String journalId = journals.openNorthJournal();
        String escalationId = probe.raise(journalId, "URGENT");

        assertConflict(journalId, "resolved before it was acknowledged",
                () -> journals.resolve("clara", journalId, escalationId, "Nothing to do."));
        probe.acknowledge("clara", journalId, escalationId);
        assertConflict(journalId, "acknowledged twice",
                () -> journals.acknowledge("clara", journalId, escalationId, "Called again."));
        assertConflict(journalId, "acknowledged again by someone else",
                () -> journals.acknowledge("david", journalId, escalationId, "Called too."));
        probe.resolve("david", journalId, escalationId);
        assertConflict(journalId, "resolved twice",
                () -> journals.resolve("david", journalId, escalationId, "Closed again."));
        assertConflict(journalId, "acknowledged after its resolution",
                () -> journals.acknowledge("clara", journalId, escalationId, "Late call."));

        probe.assertNothingStored(probe.awaitSettled(journalId, Map.of(escalationId, "RESOLVED")));
        JsonNode lifecycle = probe.timelineEntry(journalId, escalationId).get("escalation");
        assertThat(lifecycle.get("acknowledgedBy").asText()).isEqualTo("clara");
        assertThat(lifecycle.get("actionTaken").asText()).isEqualTo("Called the patient.");
        assertThat(lifecycle.get("resolvedBy").asText()).isEqualTo("david");
        assertThat(lifecycle.get("outcome").asText()).isEqualTo("Crisis plan agreed.");
        JsonNode queued = probe.queueEntry(journalId, escalationId);
        assertThat(queued.get("acknowledgedBy").asText()).isEqualTo("clara");
    }

    @Test
    void theTimelineEntryCarriesTheWholeLifecycle() {
        String journalId = journals.openNorthJournal();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("category", "SELF_HARM");
        body.put("severity", "URGENT");
        body.put("description", "Showed fresh cuts on her forearm.");
        body.put("patientInformed", false);
        body.put("staffAlreadyInformed", List.of("ward nurse", "psychiatrist on call"));
        ApiResponse raised = as("anna").post("/api/journals/" + journalId + "/escalations", body);
        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        String escalationId = raised.body().get("escalationId").asText();
        Instant acknowledgeBy = Instant.parse(raised.body().get("acknowledgeBy").asText());

        JsonNode entry = await().atMost(PROJECTION_WAIT).until(() -> probe.timeline(journalId, "types=ESCALATION"),
                entries -> entries.size() == 1).get(0);
        assertThat(entry.get("entryId").asText()).isEqualTo(escalationId);
        assertThat(entry.get("type").asText()).isEqualTo("ESCALATION");
        assertThat(entry.get("author").asText()).isEqualTo("anna");
        assertThat(entry.get("status").asText()).isEqualTo("OPEN");
        assertThat(entry.has("occurredAt")).isTrue();
        assertThat(entry.has("recordedAt")).isTrue();
        JsonNode raisedLifecycle = entry.get("escalation");
        assertThat(raisedLifecycle.get("category").asText()).isEqualTo("SELF_HARM");
        assertThat(raisedLifecycle.get("severity").asText()).isEqualTo("URGENT");
        assertThat(raisedLifecycle.get("description").asText()).isEqualTo("Showed fresh cuts on her forearm.");
        assertThat(raisedLifecycle.get("patientInformed").asBoolean()).isFalse();
        assertThat(texts(raisedLifecycle.get("staffAlreadyInformed")))
                .containsExactly("ward nurse", "psychiatrist on call");
        assertThat(Instant.parse(raisedLifecycle.get("acknowledgeBy").asText())).isEqualTo(acknowledgeBy);
        assertThat(raisedLifecycle.get("overdue").asBoolean()).isFalse();
        assertThat(raisedLifecycle.path("acknowledgedBy").isMissingNode()
                || raisedLifecycle.get("acknowledgedBy").isNull()).isTrue();

        ApiResponse acknowledged = journals.acknowledge("clara", journalId, escalationId, "Dressed the wounds.");
        assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
        ApiResponse resolved = journals.resolve("david", journalId, escalationId, "Safety plan updated.");
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);

        JsonNode done = await().atMost(PROJECTION_WAIT).until(() -> probe.timelineEntry(journalId, escalationId),
                e -> e != null && e.get("status").asText().equals("RESOLVED"));
        JsonNode lifecycle = done.get("escalation");
        assertThat(lifecycle.get("category").asText()).isEqualTo("SELF_HARM");
        assertThat(lifecycle.get("description").asText()).isEqualTo("Showed fresh cuts on her forearm.");
        assertThat(lifecycle.get("acknowledgedBy").asText()).isEqualTo("clara");
        assertThat(lifecycle.get("actionTaken").asText()).isEqualTo("Dressed the wounds.");
        assertThat(lifecycle.get("resolvedBy").asText()).isEqualTo("david");
        assertThat(lifecycle.get("outcome").asText()).isEqualTo("Safety plan updated.");
        Instant acknowledgedAt = Instant.parse(lifecycle.get("acknowledgedAt").asText());
        assertThat(acknowledgedAt).isBefore(acknowledgeBy);
        assertThat(Instant.parse(lifecycle.get("resolvedAt").asText())).isAfterOrEqualTo(acknowledgedAt);
        assertThat(lifecycle.get("overdue").asBoolean()).isFalse();
        assertThat(done.get("author").asText()).as("the entry stays anna's").isEqualTo("anna");
    }

    private void assertConflict(String journalId, String what, Supplier<ApiResponse> request) {
        long stored = probe.storedEvents(journalId);
        ApiResponse response = request.get();
        assertThat(response.status()).as(what + ": " + response).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("detail").asText()).isNotBlank();
        assertThat(response.rawBody()).doesNotContain("Exception", "org.", "java.", "SQL");
        assertThat(probe.storedEvents(journalId)).as(what + " stores nothing").isEqualTo(stored);
    }

    private int openEscalations(String journalId) {
        JsonNode summary = journalSummary(journalId);
        return summary == null ? -1 : summary.get("openEscalations").asInt();
    }

    /** The journal's entry in north's journal list, or null while the list does not show it yet. */
    private JsonNode journalSummary(String journalId) {
        ApiResponse list = as("clara").getAllPages("/api/journals");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        for (JsonNode journal : list.body()) {
            if (journal.get("journalId").asText().equals(journalId)) {
                return journal;
            }
        }
        return null;
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
