package org.peerjournal.app.escalation;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.EventStreamReader;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.LogLines;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Outbound escalation notifications under failure and replay: retried with a doubling backoff, marked FAILED
 * (and shown as such in the queue) when they never get through without ever holding up the journal, never
 * re-sent when the processors are replayed, and never carrying free text or patient data.
 */
class EscalationNotificationIT extends ApiIntegrationTest {

    private static final String NOTIFICATIONS = "escalation-notifications";
    private static final String QUEUE = "escalation-queue";
    /** ApiIntegrationTest sets peerjournal.notifications.max-attempts=3 and initial-backoff=PT0.2S. */
    private static final int MAX_ATTEMPTS = 3;
    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(200);
    private static final Duration DELIVERY = Duration.ofSeconds(10);

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aFailingDeliveryIsRetriedWithADoublingBackoff() {
        String journalId = journals.openNorthJournal();
        String escalationId = raiseAndAwaitNotified(journalId);
        WEBHOOK.failTimesFor(escalationId, 2);

        assertThat(journals.acknowledge("clara", journalId, escalationId, "Called her.").status()).isEqualTo(200);

        await().atMost(DELIVERY).until(() -> deliveredStates(escalationId).contains("ACKNOWLEDGED"));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> WEBHOOK.attemptTimesFor(escalationId, "ACKNOWLEDGED").size() == MAX_ATTEMPTS);
        assertThat(deliveredStates(escalationId)).containsExactly("RAISED", "ACKNOWLEDGED");
        List<Instant> attempts = WEBHOOK.attemptTimesFor(escalationId, "ACKNOWLEDGED");
        assertThat(Duration.between(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(INITIAL_BACKOFF);
        assertThat(Duration.between(attempts.get(1), attempts.get(2)))
                .isGreaterThanOrEqualTo(INITIAL_BACKOFF.multipliedBy(2));
        assertThat(outbox(escalationId, "ACKNOWLEDGED")).containsEntry("STATUS", "DELIVERED")
                .containsEntry("ATTEMPTS", MAX_ATTEMPTS);
        assertThat(queueEntry(escalationId).get("notificationState").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void aDeliveryThatNeverGetsThroughIsMarkedFailedWithoutBlockingTheJournal() {
        try (LogLines logged = LogLines.of("org.peerjournal.query.notification.NotificationDispatcher")) {
            String journalId = journals.openNorthJournal();
            String escalationId = raiseAndAwaitNotified(journalId);
            WEBHOOK.failAlwaysFor(escalationId);

            ApiResponse acknowledged = journals.acknowledge("clara", journalId, escalationId, "Called her.");
            assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
            assertThat(WEBHOOK.attemptTimesFor(escalationId, "ACKNOWLEDGED"))
                    .as("the acknowledgement was answered before the notification gave up")
                    .hasSizeLessThan(MAX_ATTEMPTS);

            await().atMost(DELIVERY).until(() -> "FAILED".equals(outbox(escalationId, "ACKNOWLEDGED").get("STATUS")));
            assertThat(outbox(escalationId, "ACKNOWLEDGED")).containsEntry("ATTEMPTS", MAX_ATTEMPTS);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> WEBHOOK.attemptTimesFor(escalationId, "ACKNOWLEDGED").size() == MAX_ATTEMPTS);
            assertThat(queueEntry(escalationId).get("notificationState").asText()).isEqualTo("FAILED");
            assertThat(logged.lines()).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getFormattedMessage()).contains(escalationId, "ACKNOWLEDGED", "FAILED");
            });

            ApiResponse resolved = journals.resolve("david", journalId, escalationId, "Crisis plan agreed.");
            assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
            await().atMost(DELIVERY).until(() -> "RESOLVED".equals(queueEntry(escalationId).get("status").asText()));
            assertThat(deliveredStates(escalationId)).containsExactly("RAISED");
        }
    }

    @Test
    void theNotificationProcessorRefusesAReplayAndSendsNothingAgain() {
        String journalId = journals.openNorthJournal();
        String escalationId = raiseAcknowledgeResolve(journalId);
        await().atMost(DELIVERY).until(() -> deliveredStates(escalationId).size() == 3);
        int outboxRows = outboxRows(escalationId);
        int attempts = WEBHOOK.attemptsFor(escalationId).size();
        assertThat(outboxRows).isEqualTo(3);

        // Every handler of the processor is @DisallowReplay, so Axon refuses to reset it: an operator's replay
        // cannot re-send, and the processor carries on where it was once started again.
        StreamingEventProcessor processor = processor(NOTIFICATIONS);
        assertThat(processor.supportsReset()).isFalse();
        processor.shutDown();
        try {
            assertThatThrownBy(processor::resetTokens).isInstanceOf(IllegalStateException.class);
        } finally {
            processor.start();
        }
        awaitPast(processor, headOfStore());

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() ->
                outboxRows(escalationId) == outboxRows && WEBHOOK.attemptsFor(escalationId).size() == attempts);
        assertThat(deliveredStates(escalationId)).containsExactly("RAISED", "ACKNOWLEDGED", "RESOLVED");

        // ... and still notifies what happens afterwards.
        String later = journals.raiseEscalation(journalId, "URGENT").body().get("escalationId").asText();
        await().atMost(DELIVERY).until(() -> deliveredStates(later).contains("RAISED"));
    }

    @Test
    void replayingTheQueueRebuildsItIdenticallyWithoutStreamingAnythingAgain() {
        String journalId = journals.openNorthJournal();
        try (EventStreamReader clarasStream = EventStreamReader.open(baseUrl() + "/api/escalations/stream",
                "clara")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !clarasStream.events("subscribed").isEmpty());
            String escalationId = raiseAcknowledgeResolve(journalId);
            await().atMost(DELIVERY).until(() -> streamedChanges(clarasStream, escalationId).size() == 3
                    && deliveredStates(escalationId).size() == 3);
            JsonNode before = await().atMost(DELIVERY).until(() -> queueEntry(escalationId),
                    entry -> entry.get("notificationState").asText().equals("DELIVERED"));

            int attempts = WEBHOOK.attemptsFor(escalationId).size();

            replay(QUEUE);

            await().atMost(DELIVERY).until(() -> Objects.equals(findQueueEntry(escalationId), before));
            List<Object> unchanged = List.of(List.of("RAISED", "ACKNOWLEDGED", "RESOLVED"), 3, attempts);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                    .until(() -> List.of(streamedChanges(clarasStream, escalationId), outboxRows(escalationId),
                            WEBHOOK.attemptsFor(escalationId).size()), unchanged::equals);
            assertThat(streamedChanges(clarasStream, escalationId))
                    .containsExactly("RAISED", "ACKNOWLEDGED", "RESOLVED");
            assertThat(findQueueEntry(escalationId)).isEqualTo(before);

            // Past the replay, changes are queued and streamed live again.
            String later = journals.raiseEscalation(journalId, "URGENT").body().get("escalationId").asText();
            await().atMost(DELIVERY).until(() -> streamedChanges(clarasStream, later).equals(List.of("RAISED")));
            await().atMost(DELIVERY).until(() -> !processor(QUEUE).isReplaying() && findQueueEntry(later) != null);
        }
    }

    @Test
    void notificationsCarryNoFreeTextAndNoPatientData() {
        String patientRef = "P-" + UUID.randomUUID();
        String journalId = journals.openJournal("david", "north", patientRef);
        String escalationId = raiseAcknowledgeResolve(journalId);
        await().atMost(DELIVERY).until(() -> deliveredStates(escalationId).size() == 3);

        List<String> secrets = List.of(patientRef, "Patient " + patientRef,
                JournalApi.escalation("URGENT").get("description").toString(), "Called her.", "Crisis plan agreed.",
                "nurse on duty");
        assertThat(WEBHOOK.deliveredFor(escalationId)).hasSize(3).allSatisfy(notification -> {
            assertThat(notification.fieldNames()).toIterable().containsExactlyInAnyOrder("notificationId",
                    "escalationId", "journalId", "teamId", "severity", "state", "occurredAt");
            assertThat(notification.get("journalId").asText()).isEqualTo(journalId);
            List<String> values = new ArrayList<>();
            notification.elements().forEachRemaining(value -> values.add(value.asText()));
            assertThat(values).doesNotContainAnyElementsOf(secrets)
                    .allSatisfy(value -> secrets.forEach(secret -> assertThat(value).doesNotContain(secret)));
        });
    }

    @Test
    void everyDeliveryIsSignedWithTheSharedSecretOverItsTimestampAndBody() {
        String journalId = journals.openNorthJournal();
        String escalationId = raiseAcknowledgeResolve(journalId);
        await().atMost(DELIVERY).until(() -> deliveredStates(escalationId).size() == 3);

        assertThat(WEBHOOK.attemptCount()).isPositive();
        assertThat(WEBHOOK.badlySignedAttempts()).as("attempts whose signature the receiver refused").isZero();
    }

    /** Raises an URGENT escalation (no deadline passes during a test) and waits until RAISED was delivered. */
    private String raiseAndAwaitNotified(String journalId) {
        String escalationId = journals.raiseEscalation(journalId, "URGENT").body().get("escalationId").asText();
        await().atMost(DELIVERY).until(() -> deliveredStates(escalationId).contains("RAISED"));
        return escalationId;
    }

    private String raiseAcknowledgeResolve(String journalId) {
        String escalationId = journals.raiseEscalation(journalId, "URGENT").body().get("escalationId").asText();
        assertThat(journals.acknowledge("clara", journalId, escalationId, "Called her.").status()).isEqualTo(200);
        assertThat(journals.resolve("david", journalId, escalationId, "Crisis plan agreed.").status())
                .isEqualTo(200);
        return escalationId;
    }

    /** Replays a projection as an operator would (stop, reset to the first event, start) and waits until it has
     *  handled every event stored before the reset. */
    private void replay(String name) {
        StreamingEventProcessor processor = processor(name);
        assertThat(processor.supportsReset()).as(name + " supports a replay").isTrue();
        long head = headOfStore();
        processor.shutDown();
        try {
            processor.resetTokens();
        } finally {
            processor.start();
        }
        awaitPast(processor, head);
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
    }

    /** Axon keeps a segment "replaying" until it sees an event newer than the reset, so wait for the position. */
    private static void awaitPast(StreamingEventProcessor processor, long position) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<Integer, EventTrackerStatus> status = processor.processingStatus();
            return processor.isRunning() && !status.isEmpty() && status.values().stream().allMatch(segment ->
                    segment.getError() == null && segment.getCurrentPosition().orElse(-1) >= position);
        });
    }

    private long headOfStore() {
        return jdbc.queryForObject("select coalesce(max(global_index), -1) from domain_event_entry", Long.class);
    }

    private static List<String> deliveredStates(String escalationId) {
        return WEBHOOK.deliveredFor(escalationId).stream().map(n -> n.get("state").asText()).toList();
    }

    private static List<String> streamedChanges(EventStreamReader stream, String escalationId) {
        return stream.events("escalation").stream().map(EventStreamReader.ServerSentEvent::json)
                .filter(view -> view.get("escalationId").asText().equals(escalationId))
                .map(view -> view.get("change").asText()).toList();
    }

    private Map<String, Object> outbox(String escalationId, String state) {
        List<Map<String, Object>> rows = jdbc.queryForList("select status, attempts from notification_outbox"
                + " where escalation_id = ? and state = ?", UUID.fromString(escalationId), state);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    private int outboxRows(String escalationId) {
        return jdbc.queryForObject("select count(*) from notification_outbox where escalation_id = ?", Integer.class,
                UUID.fromString(escalationId));
    }

    private JsonNode queueEntry(String escalationId) {
        JsonNode entry = findQueueEntry(escalationId);
        if (entry == null) {
            throw new AssertionError("Escalation " + escalationId + " not in the queue");
        }
        return entry;
    }

    private JsonNode findQueueEntry(String escalationId) {
        ApiResponse queue = as("clara").getAllPages("/api/escalations");
        assertThat(queue.status()).as(queue.toString()).isEqualTo(200);
        for (JsonNode entry : queue.body()) {
            if (entry.get("escalationId").asText().equals(escalationId)) {
                return entry;
            }
        }
        return null;
    }
}
