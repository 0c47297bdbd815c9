package org.peerjournal.query.operations;

import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Event handling errors, for every processor (ADR 0018). An exception in any event handler fails its whole batch:
 * Axon's default would log it and go on with the next event, committing the batch and its token without that
 * event's rows (an exception from a repository marks the transaction rollback-only, one from a {@code JdbcTemplate}
 * write did not). A failed batch is rolled back (rows and token) and tried again after Axon's back-off.
 *
 * <p>It also remembers which processors have a batch that failed and that they have not got past since: Axon
 * releases the segment of a failed batch and claims it again later, and meanwhile the processor lists no segment
 * and its own error flag stays off, so a projection failing on every try looked RUNNING (ReplayCrashIT).
 */
@Component
public class ProcessorFailures implements ErrorHandler, ConfigurerModule {

    /** Per processor, the furthest position of a batch that failed. */
    private final Map<String, Long> failedAt = new ConcurrentHashMap<>();

    @Override
    public void configureModule(Configurer configurer) {
        configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance())
                .registerDefaultErrorHandler(configuration -> this);
    }

    @Override
    public void handleError(ErrorContext errorContext) throws Exception {
        errorContext.failedEvents().stream()
                .filter(TrackedEventMessage.class::isInstance)
                .map(event -> ((TrackedEventMessage<?>) event).trackingToken().position())
                .flatMapToLong(OptionalLong::stream)
                .max()
                .ifPresent(position -> failedAt.merge(errorContext.eventProcessor(), position, Math::max));
        // Then as Axon's default: rethrown, so the batch is rolled back and retried.
        PropagatingErrorHandler.instance().handleError(errorContext);
    }

    /**
     * @param position the processor's lowest position over all its segments (this node's as processed, the others' as
     * stored), empty when it has no segment yet
     * @return whether a failed batch has not been got past: the processor has no position, or is still before it
     */
    boolean failing(String processor, OptionalLong position) {
        Long failed = failedAt.get(processor);
        return failed != null && (position.isEmpty() || position.getAsLong() < failed);
    }

    /** A replay starts the processor afresh: what failed before it no longer counts. */
    void forget(String processor) {
        failedAt.remove(processor);
    }
}
