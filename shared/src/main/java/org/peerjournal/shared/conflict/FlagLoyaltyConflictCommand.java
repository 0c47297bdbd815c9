package org.peerjournal.shared.conflict;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorCommand;

import java.util.UUID;

public record FlagLoyaltyConflictCommand(
        @TargetAggregateIdentifier UUID journalId,
        UUID conflictId,
        ConflictKind kind,
        String description,
        String patientPerspective,
        String staffPerspective,
        boolean supervisionRequested,
        Actor actor) implements ActorCommand {
}
