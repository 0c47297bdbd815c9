package org.peerjournal.shared.escalation;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A PSW raised a safety concern that clinical staff must act on by {@code acknowledgeBy}.
 *
 * @param deadlineId the persistent deadline that marks it overdue if nobody acknowledges it in time
 */
@Revision("1")
public record SafetyEscalationRaisedEvent(
        UUID journalId,
        UUID escalationId,
        String teamId,
        EscalationCategory category,
        EscalationSeverity severity,
        String description,
        boolean patientInformed,
        List<String> staffAlreadyInformed,
        String raisedBy,
        Instant acknowledgeBy,
        String deadlineId) {
}
