package org.peerjournal.shared.journal.query;

/** The journals of one team; answered with a list of {@link JournalSummary}. */
public record FindJournalsQuery(String teamId) {
}
