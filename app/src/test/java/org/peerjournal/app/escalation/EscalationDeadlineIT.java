package org.peerjournal.app.escalation;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.escalation.SafetyEscalationAcknowledgedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationOverdueEvent;
import org.peerjournal.shared.escalation.SafetyEscalationRaisedEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The acknowledgement deadline as stored and acted on: an acknowledgement in time removes the persistent deadline
 * so nothing goes overdue, two clinicians racing to acknowledge cannot both succeed, and a deadline that passes
 * is recorded once, by the service itself.
 */
class EscalationDeadlineIT extends ApiIntegrationTest {

    /** Axon's DbSchedulerDeadlineManager stores every deadline as a db-scheduler task of this name, keyed by the
     *  deadline id (the instance) that the raised event records. */
    private static final String AXON_DEADLINE_TASK = "AxonDeadline";
    private static final int RACES = 5;

    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void acknowledgingBeforeTheDeadlineCancelsIt() {
        String journalId = journals.openNorthJournal();
        ApiResponse raised = journals.raiseEscalation(journalId, "IMMEDIATE");
        String escalationId = raised.body().get("escalationId").asText();
        Instant acknowledgeBy = Instant.parse(raised.body().get("acknowledgeBy").asText());
        String deadlineId = raisedEvent(journalId, escalationId).deadlineId();

        assertThat(deadlineId).isNotBlank();
        assertThat(deadlineExecutionTimes(deadlineId)).as("the deadline is stored, due at acknowledgeBy")
                .singleElement()
                .satisfies(due -> assertThat(due).isCloseTo(acknowledgeBy, within(1, ChronoUnit.MILLIS)));

        ApiResponse acknowledged = journals.acknowledge("clara", journalId, escalationId, "Called her at once.");
        assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
        assertThat(Instant.now()).as("acknowledged before the deadline").isBefore(acknowledgeBy);
        assertThat(deadlineExecutionTimes(deadlineId)).as("the deadline is cancelled").isEmpty();

        // Past the deadline and the scheduler's polling: still nothing overdue.
        await().during(IMMEDIATE_DEADLINE.plusSeconds(2)).atMost(IMMEDIATE_DEADLINE.plusSeconds(4))
                .until(() -> stored(journalId, SafetyEscalationOverdueEvent.class).isEmpty());
        assertThat(stored(journalId, SafetyEscalationAcknowledgedEvent.class)).hasSize(1);
    }

    @Test
    void twoCliniciansAcknowledgingAtTheSameMomentCannotBothSucceed() throws Exception {
        String journalId = journals.openNorthJournal();
        ExecutorService clinicians = Executors.newFixedThreadPool(2);
        try {
            for (int race = 0; race < RACES; race++) {
                String escalationId = journals.raiseEscalation(journalId, "URGENT").body().get("escalationId")
                        .asText();
                CyclicBarrier start = new CyclicBarrier(2);
                CompletableFuture<Integer> clara = acknowledgeAfter(start, clinicians, "clara", journalId,
                        escalationId);
                CompletableFuture<Integer> david = acknowledgeAfter(start, clinicians, "david", journalId,
                        escalationId);
                int claras = clara.get(30, TimeUnit.SECONDS);
                int davids = david.get(30, TimeUnit.SECONDS);

                assertThat(List.of(claras, davids)).as("race %d", race).containsExactlyInAnyOrder(200, 409);
                List<DomainEventMessage<?>> acknowledgements = stored(journalId,
                        SafetyEscalationAcknowledgedEvent.class).stream()
                        .filter(e -> ((SafetyEscalationAcknowledgedEvent) e.getPayload()).escalationId().toString()
                                .equals(escalationId)).toList();
                assertThat(acknowledgements).as("race %d", race).hasSize(1);
                String winner = claras == 200 ? "clara" : "david";
                assertThat(((SafetyEscalationAcknowledgedEvent) acknowledgements.get(0).getPayload())
                        .acknowledgedBy()).as("the one answered 200 is the one recorded").isEqualTo(winner);
            }
        } finally {
            clinicians.shutdownNow();
        }
    }

    @Test
    void aPassedDeadlineIsRecordedOnceByTheService() {
        String journalId = journals.openNorthJournal();
        journals.raiseEscalation(journalId, "IMMEDIATE");

        await().atMost(IMMEDIATE_DEADLINE.plusSeconds(10))
                .until(() -> !stored(journalId, SafetyEscalationOverdueEvent.class).isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> stored(journalId, SafetyEscalationOverdueEvent.class).size() == 1);

        Map<String, Object> actor = stored(journalId, SafetyEscalationOverdueEvent.class).get(0).getMetaData();
        assertThat(actor).containsEntry(ActorMetaData.ROLE, "SYSTEM")
                .containsEntry(ActorMetaData.USER_ID, "system")
                .containsEntry(ActorMetaData.TEAM_ID, "north");
    }

    private CompletableFuture<Integer> acknowledgeAfter(CyclicBarrier start, ExecutorService executor, String user,
            String journalId, String escalationId) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                start.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("The other clinician never came", e);
            }
            return journals.acknowledge(user, journalId, escalationId, user + " is on it.").status();
        }, executor);
    }

    private SafetyEscalationRaisedEvent raisedEvent(String journalId, String escalationId) {
        return stored(journalId, SafetyEscalationRaisedEvent.class).stream()
                .map(e -> (SafetyEscalationRaisedEvent) e.getPayload())
                .filter(e -> e.escalationId().toString().equals(escalationId))
                .findFirst().orElseThrow();
    }

    /** The journal's stored events of one type, read from the first (no snapshot shortcut). */
    private List<DomainEventMessage<?>> stored(String journalId, Class<?> payloadType) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        eventStore.readEvents(journalId, 0).forEachRemaining(e -> {
            if (e.getPayloadType().equals(payloadType)) {
                events.add(e);
            }
        });
        return events;
    }

    private List<Instant> deadlineExecutionTimes(String deadlineId) {
        return jdbc.query("select execution_time from scheduled_tasks where task_name = ? and task_instance = ?",
                (rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant(), AXON_DEADLINE_TASK, deadlineId);
    }
}
