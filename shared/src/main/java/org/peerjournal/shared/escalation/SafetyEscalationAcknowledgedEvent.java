package org.peerjournal.shared.escalation;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** A clinician or team lead took responsibility for the escalation and says what they did. */
@Revision("1")
public record SafetyEscalationAcknowledgedEvent(
        UUID journalId,
        UUID escalationId,
        String teamId,
        EscalationSeverity severity,
        String acknowledgedBy,
        String actionTaken,
        boolean wasOverdue) {
}
