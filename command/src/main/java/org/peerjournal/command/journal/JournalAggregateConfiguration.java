package org.peerjournal.command.journal;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps the cost of a command independent of the journal's length: a snapshot every
 * {@code peerjournal.journal.snapshot-threshold} events bounds what a cold load reads, and the cache (single node
 * only, see docs/decisions) avoids the load altogether for a journal in use.
 */
@Configuration
class JournalAggregateConfiguration {

    static final String SNAPSHOT_TRIGGER = "journalSnapshotTrigger";
    static final String CACHE = "journalCache";

    @Bean(SNAPSHOT_TRIGGER)
    SnapshotTriggerDefinition journalSnapshotTrigger(Snapshotter snapshotter,
            @Value("${peerjournal.journal.snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean(CACHE)
    Cache journalCache(@Value("${peerjournal.journal.cache-enabled:true}") boolean enabled) {
        return enabled ? new WeakReferenceCache() : NoCache.INSTANCE;
    }
}
