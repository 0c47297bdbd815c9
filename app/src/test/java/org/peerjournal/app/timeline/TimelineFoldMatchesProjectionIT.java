package org.peerjournal.app.timeline;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.query.fold.TimelineFold;
import org.peerjournal.shared.journal.JournalLimits;
import org.peerjournal.shared.journal.query.FindJournalTimelineQuery;
import org.peerjournal.shared.journal.query.JournalTimeline;
import org.peerjournal.shared.journal.query.TimelineEntry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The timeline projection (tables, SQL order) and the {@link TimelineFold} the audit views are built with agree,
 * entry for entry and field for field, over random histories of every event type: the as-of view an auditor shows
 * cannot silently disagree with the timeline the clinician saw. The events are stored as the aggregate would store
 * them (actor metadata, server timestamps) and folded as read back from the store.
 */
class TimelineFoldMatchesProjectionIT extends ApiIntegrationTest {

    private static final int HISTORIES = 25;

    @Autowired
    EventStore eventStore;
    @Autowired
    QueryGateway queryGateway;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void theProjectionShowsWhatTheFoldOfTheStoredEventsShows() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String team = "fold-" + UUID.randomUUID();
        List<RandomJournalHistory> histories = new ArrayList<>();
        for (int i = 0; i < HISTORIES; i++) {
            RandomJournalHistory history = RandomJournalHistory.generate(random, team, 1 + random.nextInt(60));
            transactions.executeWithoutResult(status -> eventStore.publish(history.events()));
            histories.add(history);
        }

        for (RandomJournalHistory history : histories) {
            List<TimelineEntry> folded = fold(history.journalId());
            assertThat(folded).as("seed %d", seed).hasSizeLessThanOrEqualTo(JournalLimits.MAX_PAGE_SIZE);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(projected(history.journalId(), team))
                    .as("journal %s of the histories of seed %d", history.journalId(), seed)
                    .containsExactlyElementsOf(folded));
        }
    }

    @Test
    void everyEventTypeOccursInTheGeneratedHistories() {
        Random random = new Random(42);
        Set<String> types = new TreeSet<>();
        for (int i = 0; i < HISTORIES; i++) {
            RandomJournalHistory.generate(random, "any", 1 + random.nextInt(60)).events()
                    .forEach(event -> types.add(event.getPayloadType().getSimpleName()));
        }
        assertThat(types).containsExactlyInAnyOrder("JournalOpenedEvent", "ContactNoteRecordedEvent",
                "ContactNoteCorrectedEvent", "ContactNoteRetractedEvent", "SafetyEscalationRaisedEvent",
                "SafetyEscalationOverdueEvent", "SafetyEscalationAcknowledgedEvent", "SafetyEscalationResolvedEvent",
                "LoyaltyConflictFlaggedEvent", "LoyaltyConflictDiscussedEvent", "LoyaltyConflictResolvedEvent");
    }

    private List<TimelineEntry> fold(UUID journalId) {
        TimelineFold fold = new TimelineFold();
        eventStore.readEvents(journalId.toString(), 0).asStream()
                .forEach((DomainEventMessage<?> event) -> fold.apply(event.getPayload(), event.getTimestamp()));
        return fold.newestFirst();
    }

    private List<TimelineEntry> projected(UUID journalId, String team) {
        FindJournalTimelineQuery everything = new FindJournalTimelineQuery(journalId, team, null, null, Set.of(),
                true, 0, JournalLimits.MAX_PAGE_SIZE);
        return queryGateway.query(everything, ResponseTypes.optionalInstanceOf(JournalTimeline.class)).join()
                .map(JournalTimeline::entries).orElse(List.of());
    }
}
