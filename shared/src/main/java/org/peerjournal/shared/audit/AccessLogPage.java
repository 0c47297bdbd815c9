package org.peerjournal.shared.audit;

import org.peerjournal.shared.paging.PagedList;

import java.util.List;

/** The answer to {@link FindAccessLogQuery}. */
public record AccessLogPage(List<AccessLogEntry> items, boolean hasNext) implements PagedList<AccessLogEntry> {
}
