package org.peerjournal.shared.escalation;

/**
 * The escalation queue of a team: overdue first, then by deadline.
 *
 * @param status only escalations with this status; {@code null} for all
 */
public record FindEscalationsQuery(String teamId, EscalationStatus status) {
}
