package org.peerjournal.shared.escalation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorCommand;

import java.util.UUID;

public record ResolveEscalationCommand(
        @TargetAggregateIdentifier UUID journalId,
        UUID escalationId,
        String outcome,
        Actor actor) implements ActorCommand {
}
