package org.peerjournal.query.consistency;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.WrappedToken;
import org.peerjournal.query.projection.SegmentReplay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * Read your own writes on one node: before a projection answers a query, wait until it has handled every journal
 * event this node had committed when the query arrived, at most {@code peerjournal.projections.read-wait}. A
 * projection that is being rebuilt, has failed or is stopped is not waited for (its answer is partial anyway and
 * waiting would only delay it), nor are segments another node processes: on several nodes a client reads its own
 * writes on the node it wrote to.
 */
@Component
public class ProjectionCatchUp {

    private static final Logger log = LoggerFactory.getLogger(ProjectionCatchUp.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final EventProcessingConfiguration processing;
    private final LocalWrites localWrites;
    private final Duration maxWait;

    ProjectionCatchUp(EventProcessingConfiguration processing, LocalWrites localWrites,
            @Value("${peerjournal.projections.read-wait:PT2S}") Duration maxWait) {
        this.processing = processing;
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
        if (Polling.until(() -> caughtUp(processor, target), System.nanoTime() + maxWait.toNanos(), POLL_NANOS)) {
            return true;
        }
        log.warn("Projection {} has not reached position {} within {}: answering from where it is (segments: {})",
                projection, target, maxWait, processor.processingStatus());
        return false;
    }

    private boolean caughtUp(StreamingEventProcessor processor, long target) {
        if (!processor.isRunning() || processor.isError()) {
            return true;
        }
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        return segments.stream().allMatch(segment -> segment.isErrorState() || SegmentReplay.inProgress(segment)
                || localWrites.covered(WrappedToken.unwrapUpperBound(segment.getTrackingToken()), target));
    }
}
