package org.peerjournal.shared.journal.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorCommand;
import org.peerjournal.shared.journal.ContactType;

import java.time.Instant;
import java.util.UUID;

public record RecordContactNoteCommand(
        @TargetAggregateIdentifier UUID journalId,
        UUID noteId,
        ContactType contactType,
        Instant occurredAt,
        int durationMinutes,
        String text,
        Actor actor) implements ActorCommand {
}
