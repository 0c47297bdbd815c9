package org.peerjournal.query.audit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.peerjournal.shared.error.JournalNotFoundException;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;
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

    static JournalOpenedEvent opening(List<? extends DomainEventMessage<?>> events) {
        return (JournalOpenedEvent) events.get(0).getPayload();
    }
}
