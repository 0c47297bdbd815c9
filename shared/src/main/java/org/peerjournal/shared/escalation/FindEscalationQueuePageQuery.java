package org.peerjournal.shared.escalation;

import org.peerjournal.shared.paging.PageRequest;

/**
 * One page of a team's escalation queue (overdue first, then by deadline), answered with a page of
 * {@link EscalationView}. The live stream subscribes with {@link FindEscalationsQuery} instead.
 *
 * @param status only escalations with this status; {@code null} for all
 */
public record FindEscalationQueuePageQuery(String teamId, EscalationStatus status, PageRequest page) {
}
