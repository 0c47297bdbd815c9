package org.peerjournal.query.projection;

import org.axonframework.eventhandling.EventTrackerStatus;

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
        if (!segment.isReplaying()) {
            return false;
        }
        OptionalLong resetAt = segment.getResetPosition();
        OptionalLong current = segment.getCurrentPosition();
        return resetAt.isEmpty() || current.isEmpty() || current.getAsLong() < resetAt.getAsLong();
    }
}
