package org.peerjournal.query.operations;

import java.time.Instant;
import java.util.List;

/**
 * Events stored versus entries the projections hold for them, per event type. While a projection is behind (see
 * the projections' lag) the two may differ for a moment; a difference that stays is a lost or double-applied event.
 */
record Reconciliation(boolean consistent, Instant checkedAt, List<EventTypeCheck> eventTypes) {

    record EventTypeCheck(String eventType, long stored, List<ProjectionCount> projections, boolean consistent) {
    }

    /** @param measure what is counted, e.g. {@code timeline_entry where entry_type = 'NOTE'} */
    record ProjectionCount(String projection, String measure, long projected, boolean consistent) {
    }
}
