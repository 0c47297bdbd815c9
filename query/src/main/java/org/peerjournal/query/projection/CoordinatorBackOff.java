package org.peerjournal.query.projection;

import org.axonframework.common.AxonThreadFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The thread a pooled processor's coordinator runs on, with one of Axon's waits made shorter.
 *
 * <p>The coordinator reads events into its work package's buffer (1,024 events, a constant in Axon 4.13's
 * {@code WorkPackage}). When the buffer is full it looks again only 100 ms later (a constant in {@code Coordinator}),
 * and the work package never wakes it sooner: a projection that handles 1,024 events in less than 100 ms then waits
 * for the rest of them. In a replay that capped every projection at about 10,000 events/s, whatever its handlers cost
 * (docs/benchmarks.md, "Projection replay speed", session 20). This executor runs that wait after
 * {@code fullBufferWait} instead; every other delay the coordinator asks for (none, 500 ms, the token claim interval or
 * claim extension threshold, its error back-off) is kept, unless one of those is set to exactly 100 ms as well. In live operation a projection is a few events behind at most, its buffer never fills and nothing changes.
 */
final class CoordinatorBackOff extends ScheduledThreadPoolExecutor {

    /** Axon's wait when the buffer is full ({@code Coordinator.CoordinationTask.run}, Axon 4.13). */
    static final long AXONS_FULL_BUFFER_WAIT_MILLIS = 100;

    private final long fullBufferWaitMillis;

    CoordinatorBackOff(String processorName, Duration fullBufferWait) {
        // Named as Axon names its own coordinator threads, which the thread dumps and the benchmarks look for.
        super(1, new AxonThreadFactory("Coordinator[" + processorName + "]"));
        if (fullBufferWait.toMillis() < 1) {
            // Shorter would have the coordinator spin while the work package is busy with a full buffer.
            throw new IllegalArgumentException(
                    "peerjournal.projections.full-buffer-wait must be at least 1 ms, not " + fullBufferWait);
        }
        this.fullBufferWaitMillis = fullBufferWait.toMillis();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return super.schedule(command, delayFor(delay, unit), unit);
    }

    long delayFor(long delay, TimeUnit unit) {
        return unit == TimeUnit.MILLISECONDS && delay == AXONS_FULL_BUFFER_WAIT_MILLIS ? fullBufferWaitMillis : delay;
    }
}
