package org.peerjournal.query.operations;

/**
 * @param state    RUNNING, REPLAYING, ERROR or STOPPED
 * @param position the global index up to which every segment has processed (the slowest segment)
 * @param head     the global index of the newest stored event
 * @param lag      events stored but not yet processed ({@code head - position})
 */
public record ProjectionStatus(String name, String state, long position, long head, long lag, int segments,
        boolean replayable) {
}
