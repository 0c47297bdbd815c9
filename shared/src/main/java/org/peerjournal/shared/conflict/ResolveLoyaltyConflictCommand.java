package org.peerjournal.shared.conflict;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorCommand;

import java.util.UUID;

public record ResolveLoyaltyConflictCommand(
        @TargetAggregateIdentifier UUID journalId,
        UUID conflictId,
        String resolution,
        Actor actor) implements ActorCommand {
}
