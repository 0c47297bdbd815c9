package org.peerjournal.query.audit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A journal's stream as the event store hands it out: in sequence, each event with its timestamp and actor. */
final class JournalEvents {

    private final UUID journalId;
    private final List<DomainEventMessage<?>> events = new ArrayList<>();

    JournalEvents(UUID journalId) {
        this.journalId = journalId;
    }

    JournalEvents add(Instant at, Actor actor, Object payload) {
        events.add(new GenericDomainEventMessage<>("Journal", journalId.toString(), events.size(), payload,
                ActorMetaData.of(actor), UUID.randomUUID().toString(), at));
        return this;
    }

    List<DomainEventMessage<?>> list() {
        return List.copyOf(events);
    }
}
