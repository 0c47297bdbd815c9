package org.peerjournal.query.notification;

import org.peerjournal.shared.escalation.EscalationSeverity;

import java.time.Instant;
import java.util.UUID;

/**
 * What leaves the service about an escalation: ids, team, severity and what happened. Deliberately no free text
 * and no patient name, so a notification channel never carries patient data.
 *
 * @param state      RAISED, OVERDUE, ACKNOWLEDGED or RESOLVED
 * @param occurredAt when the change was recorded, so receivers can order notifications
 */
public record EscalationNotification(
        UUID notificationId,
        UUID escalationId,
        UUID journalId,
        String teamId,
        EscalationSeverity severity,
        String state,
        Instant occurredAt) {
}
