package org.peerjournal.app.store;

import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WakingEventStoreTest {

    private final WakingEventStore store =
            new WakingEventStore(EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()));

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void aReaderIsWokenEveryQuarterSecondEvenWhenNothingNewArrives() {
        // A replaying coordinator told once, wrongly, that nothing is left waits for this wake (or 5 s without it).
        AtomicInteger wakes = new AtomicInteger();
        try (TrackingEventStream stream = store.openStream(null)) {
            long start = System.nanoTime();
            stream.setOnAvailableCallback(wakes::incrementAndGet);

            await().atMost(Duration.ofSeconds(3)).until(() -> wakes.get() >= 4);
            long elapsedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            // A quarter of a second apart, not in a loop: an idle service must not keep its coordinators busy.
            assertThat(wakes.get()).isLessThanOrEqualTo(2 + (int) (elapsedMillis / 200));
        }
    }

    @Test
    void aCallbackThatFailsDoesNotStopTheWakesOfTheOthers() {
        AtomicInteger wakes = new AtomicInteger();
        try (TrackingEventStream failing = store.openStream(null);
                TrackingEventStream other = store.openStream(null)) {
            failing.setOnAvailableCallback(() -> {
                throw new IllegalStateException("a coordinator shutting down");
            });
            other.setOnAvailableCallback(wakes::incrementAndGet);

            await().atMost(Duration.ofSeconds(3)).until(() -> wakes.get() >= 3);
        }
    }
}
