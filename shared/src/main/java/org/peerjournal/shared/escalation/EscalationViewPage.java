package org.peerjournal.shared.escalation;

import org.peerjournal.shared.paging.PagedList;

import java.util.List;

/** The answer to {@link FindEscalationQueuePageQuery}. */
public record EscalationViewPage(List<EscalationView> items, boolean hasNext) implements PagedList<EscalationView> {
}
