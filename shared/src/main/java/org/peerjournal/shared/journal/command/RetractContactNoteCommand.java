package org.peerjournal.shared.journal.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorCommand;

import java.util.UUID;

public record RetractContactNoteCommand(
        @TargetAggregateIdentifier UUID journalId,
        UUID noteId,
        String reason,
        Actor actor) implements ActorCommand {
}
