package org.peerjournal.shared.escalation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorCommand;

import java.util.List;
import java.util.UUID;

public record RaiseEscalationCommand(
        @TargetAggregateIdentifier UUID journalId,
        UUID escalationId,
        EscalationCategory category,
        EscalationSeverity severity,
        String description,
        boolean patientInformed,
        List<String> staffAlreadyInformed,
        Actor actor) implements ActorCommand {
}
