package org.peerjournal.app.store;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Axon's embedded event store, with streams that tell their reader when new events are there. Without that, a
 * pooled streaming processor that found nothing to do looks again only 500 ms later (a delay fixed in Axon's
 * coordinator), so a note reached the timeline hundreds of milliseconds after its 201 (ADR 0010,
 * docs/benchmarks.md). The store's own producer already reads new events at once after a local commit, and every
 * {@code fetchDelay} for other nodes' events; one watcher thread follows the same shared stream at its head and, as
 * soon as anything new is in it, calls every open stream's availability callback, which makes the processor's
 * coordinator run at once. The watcher sees an event
 * only once the producer has linked it into the shared stream, so a woken processor always finds it there.
 *
 * <p>Journal events wake the processors at once. Access-log events (one per read that shows a patient) are nobody's
 * own write to read back; waking every processor for each of them made each read cost one token commit per processor,
 * which on H2 (one file sync per commit) slowed reads and writes alike. They wake the processors at most once every
 * {@value #READ_EVENTS_WAKE_MILLIS} ms instead, many in one batch. They must wake them: a coordinator whose stream
 * takes an availability callback waits for it, and otherwise looks only at its token claim interval (5 s), so reads
 * reached the access log up to 5 s late.
 *
 * <p>And every {@value #WAKE_AT_LEAST_EVERY_MILLIS} ms in any case. Axon's store can tell a reader far behind the head
 * (a projection being replayed) once that it has nothing more, when it has; its coordinator then waits for a callback
 * or its token claim interval, and a replay stood still for 5 s (docs/benchmarks.md, "Projection replay speed",
 * session 20). Waking it lets it ask again; a coordinator that finds nothing new costs no query.
 */
class WakingEventStore extends EmbeddedEventStore {

    private static final Logger log = LoggerFactory.getLogger(WakingEventStore.class);
    static final long READ_EVENTS_WAKE_MILLIS = 200;
    static final long WAKE_AT_LEAST_EVERY_MILLIS = 250;

    private final Set<Runnable> callbacks = new CopyOnWriteArraySet<>();
    private final AtomicBoolean watching = new AtomicBoolean();
    private volatile boolean closed;
    private volatile Thread watcher;

    WakingEventStore(Builder builder) {
        super(builder);
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        startWatching();
        return new WakingStream(super.openStream(trackingToken));
    }

    @Override
    public void shutDown() {
        closed = true;
        Thread thread = watcher;
        if (thread != null) {
            thread.interrupt();
        }
        super.shutDown();
    }

    private void startWatching() {
        if (watching.compareAndSet(false, true)) {
            Thread thread = new Thread(this::watchHead, "event-store-watcher");
            thread.setDaemon(true);
            watcher = thread;
            thread.start();
        }
    }

    private void watchHead() {
        try (TrackingEventStream head = super.openStream(storageEngine().createHeadToken())) {
            long lastWake = System.nanoTime();
            boolean readEventsWaiting = false;
            while (!closed) {
                long nextWake = readEventsWaiting ? READ_EVENTS_WAKE_MILLIS : WAKE_AT_LEAST_EVERY_MILLIS;
                int timeoutMillis = (int) Math.max(0, nextWake - millisSince(lastWake));
                boolean journalEvent = false;
                if (head.hasNextAvailable(timeoutMillis, TimeUnit.MILLISECONDS)) {
                    do {
                        boolean journal = head.nextAvailable() instanceof DomainEventMessage<?>;
                        journalEvent |= journal;
                        readEventsWaiting |= !journal;
                    } while (head.hasNextAvailable());
                }
                long sinceWake = millisSince(lastWake);
                boolean readEventsDue = readEventsWaiting && sinceWake >= READ_EVENTS_WAKE_MILLIS;
                if (journalEvent || readEventsDue || sinceWake >= WAKE_AT_LEAST_EVERY_MILLIS) {
                    callbacks.forEach(WakingEventStore::wake);
                    lastWake = System.nanoTime();
                    readEventsWaiting = false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!closed) {
                log.error("The event store's watcher stopped: processors fall back to looking every 500 ms", e);
            }
        }
    }

    /** One processor's failure to wake must not stop the watcher for the others. */
    private static void wake(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            log.warn("A processor's availability callback failed; the others are woken still", e);
        }
    }

    private static long millisSince(long nanoTime) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
    }

    /** One processor's stream: the store's own, plus the availability callback the coordinator asks for. */
    private final class WakingStream implements TrackingEventStream {

        private final TrackingEventStream delegate;
        private volatile Runnable callback;

        private WakingStream(TrackingEventStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Runnable previous = this.callback;
            if (previous != null) {
                callbacks.remove(previous);
            }
            this.callback = callback;
            callbacks.add(callback);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            Runnable current = callback;
            if (current != null) {
                callbacks.remove(current);
            }
            delegate.close();
        }
    }
}
