package org.peerjournal.shared.journal.query;

import org.peerjournal.shared.paging.PageRequest;

/** One page of the journals of one team, by display name; answered with a page of {@link JournalSummary}. */
public record FindJournalsQuery(String teamId, PageRequest page) {
}
