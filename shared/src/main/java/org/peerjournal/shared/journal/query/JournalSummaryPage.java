package org.peerjournal.shared.journal.query;

import org.peerjournal.shared.paging.PagedList;

import java.util.List;

/** The answer to {@link FindJournalsQuery}. */
public record JournalSummaryPage(List<JournalSummary> items, boolean hasNext) implements PagedList<JournalSummary> {
}
