package org.peerjournal.shared.escalation;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** The concern is dealt with; {@code outcome} says how. */
@Revision("1")
public record SafetyEscalationResolvedEvent(
        UUID journalId,
        UUID escalationId,
        String teamId,
        EscalationSeverity severity,
        String resolvedBy,
        String outcome) {
}
