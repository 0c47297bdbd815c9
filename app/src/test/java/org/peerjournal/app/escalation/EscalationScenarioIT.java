package org.peerjournal.app.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.EventStreamReader;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.escalation.SafetyEscalationOverdueEvent;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reason this product exists: a PSW raises an IMMEDIATE suicide-risk escalation, nobody acknowledges it, it
 * goes overdue (stored event, queue, stream, webhook), then a clinician acknowledges and resolves it.
 */
class EscalationScenarioIT extends ApiIntegrationTest {

    @Autowired
    EventStore eventStore;

    @Test
    void anUnacknowledgedEscalationGoesOverdueLoudlyUntilAClinicianActs() {
        String journalId = journals.openNorthJournal();
        try (EventStreamReader clarasStream = EventStreamReader.open(baseUrl() + "/api/escalations/stream",
                "clara")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !clarasStream.events("subscribed").isEmpty());

            ApiResponse raised = journals.raiseEscalation(journalId, "IMMEDIATE");
            String escalationId = raised.body().get("escalationId").asText();
            Instant acknowledgeBy = Instant.parse(raised.body().get("acknowledgeBy").asText());
            assertThat(Duration.between(Instant.now(), acknowledgeBy)).isBetween(Duration.ZERO, IMMEDIATE_DEADLINE);

            await().atMost(Duration.ofSeconds(1)).until(() -> changes(clarasStream, escalationId).contains("RAISED"));

            // Nobody acknowledges: the deadline passes and the overdue is stored, queued, streamed and pushed.
            await().atMost(IMMEDIATE_DEADLINE.plusSeconds(5))
                    .until(() -> changes(clarasStream, escalationId).contains("OVERDUE"));
            List<DomainEventMessage<?>> overdue = overdueEvents(journalId);
            assertThat(overdue).hasSize(1);
            assertThat(overdue.get(0).getTimestamp()).isAfterOrEqualTo(acknowledgeBy);
            assertThat(overdue.get(0).getMetaData().get(ActorMetaData.ROLE)).isEqualTo("SYSTEM");
            assertThat(overdue.get(0).getMetaData().get(ActorMetaData.TEAM_ID)).isEqualTo("north");
            JsonNode queued = queueEntry("clara", escalationId);
            assertThat(queued.get("overdue").asBoolean()).isTrue();
            assertThat(queued.get("status").asText()).isEqualTo("OPEN");
            await().atMost(Duration.ofSeconds(5)).until(() -> states(escalationId).contains("OVERDUE"));

            ApiResponse acknowledged = journals.acknowledge("clara", journalId, escalationId,
                    "Called her; crisis team on the way.");
            assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(1))
                    .until(() -> changes(clarasStream, escalationId).contains("ACKNOWLEDGED"));

            ApiResponse resolved = journals.resolve("david", journalId, escalationId, "Crisis plan agreed.");
            assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(1))
                    .until(() -> changes(clarasStream, escalationId).contains("RESOLVED"));

            await().atMost(Duration.ofSeconds(5)).until(() -> states(escalationId).size() == 4);
            assertThat(states(escalationId)).containsExactly("RAISED", "OVERDUE", "ACKNOWLEDGED", "RESOLVED");
            assertThat(WEBHOOK.deliveredFor(escalationId)).allSatisfy(notification -> {
                assertThat(notification.fieldNames()).toIterable().containsExactlyInAnyOrder("notificationId",
                        "escalationId", "journalId", "teamId", "severity", "state", "occurredAt");
                assertThat(notification.get("teamId").asText()).isEqualTo("north");
            });

            JsonNode entry = await().atMost(Duration.ofSeconds(5))
                    .until(() -> journals.timeline("clara", journalId, "types=ESCALATION").body().get("entries")
                            .get(0), e -> e != null && e.get("status").asText().equals("RESOLVED"));
            JsonNode lifecycle = entry.get("escalation");
            assertThat(lifecycle.get("overdue").asBoolean()).isTrue();
            assertThat(lifecycle.get("acknowledgedBy").asText()).isEqualTo("clara");
            assertThat(lifecycle.get("actionTaken").asText()).isEqualTo("Called her; crisis team on the way.");
            assertThat(lifecycle.get("resolvedBy").asText()).isEqualTo("david");
            assertThat(lifecycle.get("outcome").asText()).isEqualTo("Crisis plan agreed.");
            assertThat(lifecycle.get("patientInformed").asBoolean()).isTrue();
            assertThat(lifecycle.get("staffAlreadyInformed").get(0).asText()).isEqualTo("nurse on duty");
            assertThat(overdueEvents(journalId)).as("overdue recorded exactly once").hasSize(1);
        }
    }

    private List<DomainEventMessage<?>> overdueEvents(String journalId) {
        return eventStore.readEvents(journalId).asStream()
                .filter(e -> e.getPayloadType().equals(SafetyEscalationOverdueEvent.class))
                .<DomainEventMessage<?>>map(e -> e).toList();
    }

    private JsonNode queueEntry(String user, String escalationId) {
        for (JsonNode entry : as(user).getAllPages("/api/escalations").body()) {
            if (entry.get("escalationId").asText().equals(escalationId)) {
                return entry;
            }
        }
        throw new AssertionError("Escalation " + escalationId + " not in the queue");
    }

    private static List<String> changes(EventStreamReader stream, String escalationId) {
        return stream.events("escalation").stream().map(EventStreamReader.ServerSentEvent::json)
                .filter(view -> view.get("escalationId").asText().equals(escalationId))
                .map(view -> view.get("change").asText()).toList();
    }

    private static List<String> states(String escalationId) {
        return WEBHOOK.deliveredFor(escalationId).stream().map(n -> n.get("state").asText()).toList();
    }
}
