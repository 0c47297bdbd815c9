package org.peerjournal.shared.journal.query;

import java.util.List;
import java.util.UUID;

public record JournalTimeline(
        UUID journalId,
        String displayName,
        String teamId,
        List<TimelineEntry> entries,
        int page,
        int size,
        long totalEntries) {
}
