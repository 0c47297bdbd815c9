package org.peerjournal.shared.journal.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorCommand;

import java.util.UUID;

public record CorrectContactNoteCommand(
        @TargetAggregateIdentifier UUID journalId,
        UUID noteId,
        String text,
        String reason,
        Actor actor) implements ActorCommand {
}
