package org.peerjournal.app.cluster;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.peerjournal.query.operations.ProcessorReset;
import org.peerjournal.shared.error.StateConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * A replay from any node: this node records the replay in {@code projection_replay}, which makes every other node
 * stop that processor and so release its segments ({@link ReplayWatcher}); it stops its own, then tries to reset
 * the tokens (which claims every segment) until the others have let go, releases the claims again and starts the
 * processor. When the row is gone the other nodes start theirs and the segments are shared out anew. If the
 * others do not let go within the replay timeout nothing is reset; either way every node's processor runs again.
 */
@Component
class ClusterProcessorReset implements ProcessorReset {

    private static final Logger log = LoggerFactory.getLogger(ClusterProcessorReset.class);
    private static final Duration RETRY_AFTER = Duration.ofMillis(200);

    private final ReplayRequests requests;
    private final EventProcessingConfiguration processing;
    private final ClusterProperties cluster;

    ClusterProcessorReset(ReplayRequests requests, EventProcessingConfiguration processing,
            ClusterProperties cluster) {
        this.requests = requests;
        this.processing = processing;
        this.cluster = cluster;
    }

    @Override
    public void resetToFirstEvent(String name, StreamingEventProcessor processor) {
        if (!requests.begin(name)) {
            throw new StateConflictException("A replay of " + name + " is under way already");
        }
        try {
            processor.shutdownAsync().join();
            resetOnceReleased(name, processor);
            releaseClaims(name);
        } finally {
            requests.end(name);
            processor.start();
        }
    }

    private void resetOnceReleased(String name, StreamingEventProcessor processor) {
        Instant deadline = Instant.now().plus(cluster.replayTimeout());
        while (true) {
            try {
                processor.resetTokens();
                return;
            } catch (UnableToClaimTokenException held) {
                if (Instant.now().isAfter(deadline)) {
                    log.warn("Replay of {} not started: segments still held after {} ({})", name,
                            cluster.replayTimeout(), held.getMessage());
                    throw new StateConflictException("Other nodes still hold segments of " + name
                            + "; nothing was reset, try again");
                }
                LockSupport.parkNanos(RETRY_AFTER.toNanos());
            }
        }
    }

    /**
     * The reset left every segment claimed by this node; let any node's processor take them up. In the processor's
     * own token store: the access log's is a file of its own on the embedded store (ADR 0019).
     */
    private void releaseClaims(String name) {
        TokenStore tokenStore = processing.tokenStore(name);
        processing.transactionManager(name).executeInTransaction(() -> {
            for (int segment : tokenStore.fetchSegments(name)) {
                tokenStore.releaseClaim(name, segment);
            }
        });
    }
}
