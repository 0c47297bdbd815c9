package org.peerjournal.app.store;

import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

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
            stream.setOnAvailableCallback(wakes::incrementAndGet);

            await().atMost(Duration.ofSeconds(3)).until(() -> wakes.get() >= 4);
        }
    }
}
