package org.peerjournal.query.consistency;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.peerjournal.query.operations.Projections;
import org.peerjournal.query.projection.SegmentReplay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Read your own writes: before a projection answers a query, wait until it has handled every journal event this node
 * had committed when the query arrived, at most {@code peerjournal.projections.read-wait}. On several nodes that
 * includes this node's events in the segments other nodes process, as far as their stored tokens say (a segment
 * stores its token with every batch it handles), so that a client reads its own writes on the node it wrote to,
 * whichever node projects them. A projection that is being rebuilt, has failed or is stopped is not waited for (its
 * answer is partial anyway and waiting would only delay it).
 */
@Component
public class ProjectionCatchUp {

    private static final Logger log = LoggerFactory.getLogger(ProjectionCatchUp.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long POLL_ELSEWHERE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final EventProcessingConfiguration processing;
    private final Projections projections;
    private final LocalWrites localWrites;
    private final Duration maxWait;
    /**
     * Per projection, the position up to which the other nodes' segments have been seen to hold this node's writes:
     * a stored token only moves on (a reset starts a replay, which is not waited for and confirms nothing), so the
     * reads that follow without a new write read no tokens.
     */
    private final Map<String, Long> confirmedElsewhere = new ConcurrentHashMap<>();

    ProjectionCatchUp(EventProcessingConfiguration processing, Projections projections, LocalWrites localWrites,
            @Value("${peerjournal.projections.read-wait:PT2S}") Duration maxWait) {
        this.processing = processing;
        this.projections = projections;
        this.localWrites = localWrites;
        this.maxWait = maxWait;
    }

    /**
     * Returns once {@code projection} shows this node's writes ({@code true}), or once the wait is over
     * ({@code false}: the read answers from where the projection is).
     */
    public boolean awaitLocalWrites(String projection) {
        long target = localWrites.latest();
        if (target < 0) {
            return true;
        }
        StreamingEventProcessor processor = processing.eventProcessor(projection, StreamingEventProcessor.class)
                .orElse(null);
        if (processor == null) {
            return true;
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        // This node's segments first, polled often (no query); then the others' stored tokens, one query a poll.
        if (Polling.until(() -> caughtUpHere(processor, target), deadline, POLL_NANOS)
                && Polling.until(() -> caughtUpElsewhere(projection, processor, target), deadline,
                        POLL_ELSEWHERE_NANOS)) {
            return true;
        }
        log.warn("Projection {} has not reached position {} within {}: answering from where it is"
                + " (segments here: {})", projection, target, maxWait, processor.processingStatus());
        return false;
    }

    private boolean caughtUpHere(StreamingEventProcessor processor, long target) {
        if (notWaitedFor(processor)) {
            return true;
        }
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        return segments.stream().allMatch(segment -> segment.isErrorState() || SegmentReplay.inProgress(segment)
                || localWrites.covered(WrappedToken.unwrapUpperBound(segment.getTrackingToken()), target));
    }

    private boolean caughtUpElsewhere(String projection, StreamingEventProcessor processor, long target) {
        Map<Integer, EventTrackerStatus> here = processor.processingStatus();
        if (notWaitedFor(processor) || holdsEverySegment(here.values())
                || target <= confirmedElsewhere.getOrDefault(projection, -1L)) {
            return true;
        }
        Map<Segment, TrackingToken> elsewhere = projections.storedTokensExcept(projection, here.keySet());
        boolean rebuilding = elsewhere.values().stream().anyMatch(ReplayToken::isReplay);
        boolean caughtUp = elsewhere.entrySet().stream().allMatch(stored -> ReplayToken.isReplay(stored.getValue())
                || localWrites.coveredIn(stored.getKey(), WrappedToken.unwrapUpperBound(stored.getValue()), target));
        if (caughtUp && !rebuilding) {
            confirmedElsewhere.merge(projection, target, Math::max);
        }
        return caughtUp;
    }

    private static boolean notWaitedFor(StreamingEventProcessor processor) {
        return !processor.isRunning() || processor.isError();
    }

    /** Whether these segments cover every sequence: a segment of mask m holds 1/(m+1) of them. */
    private static boolean holdsEverySegment(Collection<EventTrackerStatus> segments) {
        long whole = 1L << 32;
        return segments.stream().mapToLong(segment -> whole / (segment.getSegment().getMask() + 1L)).sum() >= whole;
    }
}
