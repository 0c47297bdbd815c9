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
 * Which processors have a batch that failed and that they have not got past since. Axon's pooled processor rolls
 * such a batch back (rows and token), releases the segment and claims it again after a back-off: meanwhile its
 * status lists no segment at all and its own error flag stays off, so a projection that fails on every try looked
 * RUNNING (a replay started on top of old rows, ReplayCrashIT). Every processor's batch errors pass through here
 * and are then handled as Axon's default does: rethrown, so the batch is retried, never skipped.
 */
@Component
public class ProcessorFailures implements ErrorHandler, ConfigurerModule {

    /** Per processor, the furthest position of a batch that failed. */
    private final Map<String, Long> failedAt = new ConcurrentHashMap<>();

    @Override
    public void configureModule(Configurer configurer) {
        configurer.eventProcessing().registerDefaultErrorHandler(configuration -> this);
    }

    @Override
    public void handleError(ErrorContext errorContext) throws Exception {
        errorContext.failedEvents().stream()
                .filter(TrackedEventMessage.class::isInstance)
                .map(event -> ((TrackedEventMessage<?>) event).trackingToken().position())
                .flatMapToLong(OptionalLong::stream)
                .max()
                .ifPresent(position -> failedAt.merge(errorContext.eventProcessor(), position, Math::max));
        PropagatingErrorHandler.instance().handleError(errorContext);
    }

    /**
     * @param position the lowest position of the processor's segments on this node, empty while it holds none
     * @return whether a failed batch has not been got past: the processor holds no segment, or is still before it
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
