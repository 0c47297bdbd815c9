package org.peerjournal.query.consistency;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.AbstractEventProcessor;
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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

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
     * Per projection, how many writes this node had recorded when the other nodes' segments were last seen to hold
     * all of them: a stored token only moves on (a reset starts a rebuild, which is not waited for and confirms
     * nothing), so the reads that follow with no new write read no tokens.
     */
    private final Map<String, Long> confirmedElsewhere = new ConcurrentHashMap<>();
    /** The stored tokens last read per projection: the reads that wait at the same time share one query a poll. */
    private final Map<String, StoredTokens> lastRead = new ConcurrentHashMap<>();

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
        long writes = localWrites.recorded();
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
        // This node's segments first, polled often (no query); then, in one snapshot of which segments are here,
        // those again and the stored tokens of the others, one query a poll.
        if (Polling.until(() -> notWaitedFor(processor) || caughtUpHere(processor.processingStatus(), target),
                deadline, POLL_NANOS)
                && Polling.until(() -> caughtUp(projection, processor, target, writes), deadline,
                        POLL_ELSEWHERE_NANOS)) {
            return true;
        }
        log.warn("Projection {} has not reached position {} within {}: answering from where it is (segments here: {};"
                + " stored: {})", projection, target, maxWait, processor.processingStatus(),
                projections.storedTokens(projection));
        return false;
    }

    private boolean caughtUpHere(Map<Integer, EventTrackerStatus> here, long target) {
        return here.values().stream().allMatch(segment -> segment.isErrorState() || SegmentReplay.inProgress(segment)
                || localWrites.covered(WrappedToken.unwrapUpperBound(segment.getTrackingToken()), target));
    }

    private boolean caughtUp(String projection, StreamingEventProcessor processor, long target, long writes) {
        if (notWaitedFor(processor)) {
            return true;
        }
        Map<Integer, EventTrackerStatus> here = processor.processingStatus();
        if (!caughtUpHere(here, target)) {
            return false;
        }
        if (holdsEverySegment(here.values()) || writes <= confirmedElsewhere.getOrDefault(projection, -1L)) {
            return true;
        }
        Map<Segment, TrackingToken> elsewhere = new HashMap<>(storedTokens(projection));
        elsewhere.keySet().removeIf(segment -> here.containsKey(segment.getSegmentId()));
        Predicate<Class<?>> handles = handledTypes(processor);
        boolean rebuilding = elsewhere.values().stream().anyMatch(SegmentReplay::inProgress);
        boolean caughtUp = elsewhere.entrySet().stream().allMatch(stored -> SegmentReplay.inProgress(stored.getValue())
                || localWrites.coveredIn(stored.getKey(), WrappedToken.unwrapUpperBound(stored.getValue()), target,
                        handles));
        if (caughtUp && !rebuilding) {
            confirmedElsewhere.merge(projection, writes, Math::max);
        }
        return caughtUp;
    }

    private Map<Segment, TrackingToken> storedTokens(String projection) {
        long now = System.nanoTime();
        return lastRead.compute(projection, (name, last) -> last != null && now - last.readAt() < POLL_ELSEWHERE_NANOS
                ? last : new StoredTokens(now, projections.storedTokens(name))).tokens();
    }

    /** The event types the projection handles: a segment stores no token for the others. */
    private static Predicate<Class<?>> handledTypes(StreamingEventProcessor processor) {
        return processor instanceof AbstractEventProcessor annotated
                ? type -> annotated.eventHandlerInvoker().canHandleType(type) : type -> true;
    }

    private static boolean notWaitedFor(StreamingEventProcessor processor) {
        return !processor.isRunning() || processor.isError();
    }

    /** Whether these segments cover every sequence: a segment of mask m holds 1/(m+1) of them. */
    private static boolean holdsEverySegment(Collection<EventTrackerStatus> segments) {
        long whole = 1L << 32;
        return segments.stream().mapToLong(segment -> whole / (segment.getSegment().getMask() + 1L)).sum() >= whole;
    }

    private record StoredTokens(long readAt, Map<Segment, TrackingToken> tokens) {
    }
}
