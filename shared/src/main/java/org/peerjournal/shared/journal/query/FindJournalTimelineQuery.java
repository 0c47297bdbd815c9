package org.peerjournal.shared.journal.query;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * One page of a journal's timeline, newest first. The answer is empty when the journal does not exist or does not
 * belong to {@code viewerTeamId}, so a caller cannot tell the two apart.
 *
 * @param from  entries that occurred at or after this instant; {@code null} for no bound
 * @param to    entries that occurred before this instant; {@code null} for no bound
 * @param types the entry types wanted; empty for all
 */
public record FindJournalTimelineQuery(
        UUID journalId,
        String viewerTeamId,
        Instant from,
        Instant to,
        Set<EntryType> types,
        boolean includeRetracted,
        int page,
        int size) {
}
