package org.peerjournal.query.projection;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;

import java.util.OptionalLong;

/** Whether a projection's segment is being rebuilt. */
public final class SegmentReplay {

    private SegmentReplay() {
    }

    /**
     * Axon keeps a segment's replay token until it handles an event stored after the reset, so on a quiet store
     * {@link EventTrackerStatus#isReplaying()} stays true for good; the rebuild is done once the segment has
     * reached the position it was reset at.
     */
    public static boolean inProgress(EventTrackerStatus segment) {
        return segment.isReplaying() && inProgress(segment.getResetPosition(), segment.getCurrentPosition());
    }

    /** The same for a segment's stored token (null for none): a replay token can outlast the rebuild. */
    public static boolean inProgress(TrackingToken stored) {
        return stored instanceof ReplayToken && inProgress(ReplayToken.getTokenAtReset(stored), stored.position());
    }

    private static boolean inProgress(OptionalLong resetAt, OptionalLong current) {
        return resetAt.isEmpty() || current.isEmpty() || current.getAsLong() < resetAt.getAsLong();
    }
}
