package org.peerjournal.shared.escalation;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

/** Nobody acknowledged the escalation by its deadline. Recorded by the service itself (actor role SYSTEM). */
@Revision("1")
public record SafetyEscalationOverdueEvent(
        UUID journalId,
        UUID escalationId,
        String teamId,
        EscalationSeverity severity,
        Instant acknowledgeBy) {
}
