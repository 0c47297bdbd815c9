package org.peerjournal.query.operations;

import java.time.Instant;
import java.util.List;

/**
 * Per event type: the events stored, and for each projection that keeps them the events it has processed against
 * the entries it holds for them, both read in one database snapshot. A projection that is behind is consistent;
 * a difference is a lost or double-applied event.
 */
public record Reconciliation(boolean consistent, Instant checkedAt, List<EventTypeCheck> eventTypes) {

    public record EventTypeCheck(String eventType, long stored, List<ProjectionCount> projections, boolean consistent) {
    }

    /**
     * @param measure   what is counted, e.g. {@code timeline_entry where entry_type = 'NOTE'}
     * @param processed the events of this type the projection has processed (its tokens' positions)
     * @param projected what the projection holds for them
     */
    public record ProjectionCount(String projection, String measure, long processed, long projected,
            boolean consistent) {
    }
}
