package org.peerjournal.command.journal;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.error.JournalNotFoundException;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Whether a user may open a journal's forms at all: a member of the journal's team, by the same rule the journal
 * applies to every change ({@link JournalPolicy#requireTeamMember}). Anyone else, and an unknown id, is answered
 * "not found" before the form shows, as the journal's own page is. The team is read from the journal's first
 * stored event, so a journal is known from the moment its opening is stored, not once a projection caught up.
 */
@Component
public class JournalMembership {

    private final EventStore eventStore;

    JournalMembership(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public void requireMember(Actor actor, UUID journalId) {
        String teamId = eventStore.readEvents(journalId.toString(), 0).asStream().limit(1)
                .map(DomainEventMessage::getPayload)
                .filter(JournalOpenedEvent.class::isInstance)
                .map(opened -> ((JournalOpenedEvent) opened).teamId())
                .findFirst().orElseThrow(() -> new JournalNotFoundException(journalId));
        JournalPolicy.requireTeamMember(actor, journalId, teamId);
    }
}
