package org.peerjournal.shared.escalation;

import java.time.Instant;
import java.util.UUID;

/**
 * One escalation in the queue and on the live stream. No description: the queue and its notifications say what
 * needs attention and where; the content is read in the journal, where the read is logged.
 *
 * @param change            what last happened to it
 * @param notificationState the outbound notification's delivery: PENDING, DELIVERED, FAILED, or NONE
 */
public record EscalationView(
        UUID escalationId,
        UUID journalId,
        String teamId,
        EscalationCategory category,
        EscalationSeverity severity,
        EscalationStatus status,
        Instant raisedAt,
        String raisedBy,
        Instant acknowledgeBy,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant resolvedAt,
        String resolvedBy,
        boolean overdue,
        Instant overdueAt,
        EscalationChange change,
        String notificationState) {
}
