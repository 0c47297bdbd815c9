package org.peerjournal.query.audit;

import java.util.List;
import java.util.UUID;

public record EventHistoryPage(UUID journalId, List<StoredEvent> events, int page, int size, long totalEvents) {
}
