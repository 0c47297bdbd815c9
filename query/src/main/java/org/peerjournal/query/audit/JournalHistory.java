package org.peerjournal.query.audit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.peerjournal.shared.error.JournalNotFoundException;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;
import org.peerjournal.shared.paging.PageRequest;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * A journal's stored events, read from the event store itself (from sequence 0, never from a snapshot or a
 * projection), which is what audit views must be built from.
 */
@Component
public class JournalHistory {

    private final EventStore eventStore;

    JournalHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Every event of the journal in sequence order; 404 if there is no such journal. */
    public List<? extends DomainEventMessage<?>> eventsOf(UUID journalId) {
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(journalId.toString(), 0).asStream()
                .toList();
        if (events.isEmpty() || !(events.get(0).getPayload() instanceof JournalOpenedEvent)) {
            throw new JournalNotFoundException(journalId);
        }
        return events;
    }

    /** The journal's first event, read alone; 404 if there is no such journal. */
    public JournalOpenedEvent openingOf(UUID journalId) {
        return eventStore.readEvents(journalId.toString(), 0).asStream().findFirst()
                .map(DomainEventMessage::getPayload)
                .filter(JournalOpenedEvent.class::isInstance).map(JournalOpenedEvent.class::cast)
                .orElseThrow(() -> new JournalNotFoundException(journalId));
    }

    /**
     * One page of the journal's events, read from the store from the page's first sequence number on: the store
     * reads in batches and the stream stops after the page, so a page never loads the whole journal.
     */
    public List<? extends DomainEventMessage<?>> pageOf(UUID journalId, PageRequest page) {
        return eventStore.readEvents(journalId.toString(), (long) page.page() * page.size()).asStream()
                .limit(page.size()).toList();
    }

    /** How many events the journal has: its last sequence number plus one (sequence numbers have no gaps). */
    public long countOf(UUID journalId) {
        return eventStore.lastSequenceNumberFor(journalId.toString()).map(last -> last + 1).orElse(0L);
    }

    public static JournalOpenedEvent opening(List<? extends DomainEventMessage<?>> events) {
        return (JournalOpenedEvent) events.get(0).getPayload();
    }
}
