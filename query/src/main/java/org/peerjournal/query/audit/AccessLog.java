package org.peerjournal.query.audit;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.audit.JournalContentReadEvent;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Records every read of a journal's content as a {@link JournalContentReadEvent} in the event store, before the
 * content is handed out: if the read cannot be logged, it is not served. The event is published on its own, not
 * through the journal aggregate, so a read never takes the journal's lock (one insert, about a millisecond).
 */
@Component
public class AccessLog {

    private final EventStore eventStore;

    AccessLog(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public void record(Actor reader, UUID journalId, String teamId, String action) {
        eventStore.publish(GenericEventMessage.asEventMessage(new JournalContentReadEvent(journalId, teamId, action))
                .andMetaData(ActorMetaData.of(reader)));
    }
}
