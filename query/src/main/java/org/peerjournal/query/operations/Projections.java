package org.peerjournal.query.operations;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.peerjournal.query.projection.SegmentReplay;
import org.peerjournal.shared.error.EntryNotFoundException;
import org.peerjournal.shared.error.StateConflictException;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.LongStream;

/**
 * The event processors that build the read side: their progress against the event store, and their replay.
 * Side-effect handlers (notifications) are listed but never replayed: they are {@code @DisallowReplay}, so Axon
 * reports their processor as not supporting a reset.
 */
@Component
public class Projections {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final ProcessorReset reset;
    private final ProcessorFailures failures;
    /** Where each processor's tokens are stored, and how to read them. */
    private final ProcessorDatabases databases;
    private final ProcessedEvents processedEvents;

    Projections(EventProcessingConfiguration processing, EventStore eventStore, ProcessorReset reset,
            ProcessorFailures failures, ProcessorDatabases databases, ProcessedEvents processedEvents) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.reset = reset;
        this.failures = failures;
        this.databases = databases;
        this.processedEvents = processedEvents;
    }

    public List<ProjectionStatus> statuses() {
        long head = head();
        return processing.eventProcessors().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof StreamingEventProcessor)
                .map(entry -> status(entry.getKey(), (StreamingEventProcessor) entry.getValue(), head))
                .sorted(Comparator.comparing(ProjectionStatus::name))
                .toList();
    }

    /** One processor's status, as {@link #statuses()} gives it. */
    public ProjectionStatus status(String name) {
        return status(name, processor(name), head());
    }

    /**
     * Whether the projection has handled every event stored up to {@code head}, on every segment, whichever node
     * holds it: unlike the status's position, a stored event the processor has skipped past (a gap it still waits
     * for, as when a transaction commits after a later one) counts as not handled yet.
     */
    public boolean handledEverythingUpTo(String name, long head) {
        StreamingEventProcessor processor = processor(name);
        return processedEvents.handledUpTo(processedEvents.tokens(databases.of(name).jdbc(), name),
                processor.processingStatus(), head);
    }

    /**
     * The token each segment of {@code name} last stored (null for a segment that has stored none yet): how far the
     * segments another node processes, or nobody does right now, had got when they last stored their progress.
     */
    public Map<Segment, TrackingToken> storedTokens(String name) {
        return processedEvents.storedTokens(databases.of(name).jdbc(), name);
    }

    /** The global index of the newest stored event. */
    public long head() {
        TrackingToken token = eventStore.createHeadToken();
        return token == null ? 0L : token.position().orElse(0L);
    }

    /** Resets the projection to the first event and lets it rebuild while the service keeps answering. */
    public void replay(String name) {
        StreamingEventProcessor processor = processor(name);
        if (!processor.supportsReset()) {
            throw new StateConflictException(name + " has side effects and is never replayed");
        }
        reset.resetToFirstEvent(name, processor);
        failures.forget(name);
    }

    /**
     * The position is the lowest of all the processor's segments: where this node processes a segment, how far it has
     * got; where it does not (another node holds it, or nobody does right now), how far the segment's stored token
     * says it got. So every node reports the same position and lag for the processor as a whole, and a segment that
     * nobody processes shows as lag.
     */
    private ProjectionStatus status(String name, StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        OptionalLong elsewhere = processedEvents.tokens(databases.of(name).jdbc(), name)
                .lowestExcept(segments.keySet());
        OptionalLong lowest = LongStream.concat(segments.values().stream()
                        .mapToLong(status -> status.getCurrentPosition().orElse(0L)), elsewhere.stream())
                .min();
        long position = lowest.orElse(0L);
        String state = !processor.isRunning() ? "STOPPED"
                : processor.isError() || segments.values().stream().anyMatch(EventTrackerStatus::isErrorState)
                        || failures.failing(name, lowest) ? "ERROR"
                        : segments.values().stream().anyMatch(SegmentReplay::inProgress) ? "REPLAYING"
                                : "RUNNING";
        return new ProjectionStatus(name, state, position, head, Math.max(0, head - position), segments.size(),
                processor.supportsReset());
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new EntryNotFoundException("No projection " + name));
    }
}
