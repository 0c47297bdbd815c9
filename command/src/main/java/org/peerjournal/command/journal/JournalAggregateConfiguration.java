package org.peerjournal.command.journal;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the cost of a command independent of the journal's length: a snapshot every
 * {@code peerjournal.journal.snapshot-threshold} events bounds what a cold load reads, a cache of the
 * {@code peerjournal.journal.cache-size} journals used last (single node only, see docs/decisions) avoids the load
 * altogether for a journal in use, and snapshots are taken in a thread of their own so no command waits for one
 * (see docs/benchmarks.md).
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
    Cache journalCache(@Value("${peerjournal.journal.cache-enabled:true}") boolean enabled,
            @Value("${peerjournal.journal.cache-size:1000}") long size) {
        return enabled ? new BoundedAggregateCache(size) : NoCache.INSTANCE;
    }

    /**
     * Axon's auto-configured snapshotter (which this one replaces) builds the snapshot in the thread that committed
     * the triggering command, so every {@code snapshot-threshold}-th note waited while the whole journal was read,
     * serialized and written: a cost that grows with the journal (the snapshot holds every note's state, about
     * 135 bytes a note). Same snapshotter, same transaction handling, but run by {@link SnapshotThread}.
     */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration axonConfiguration,
            HandlerDefinition handlerDefinition, ParameterResolverFactory parameterResolverFactory,
            EventStore eventStore, TransactionManager transactionManager, SnapshotterSpanFactory spanFactory,
            SnapshotThread snapshotThread) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(axonConfiguration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotThread.executor())
                .build();
    }

    @Bean
    SnapshotThread journalSnapshotThread() {
        return new SnapshotThread();
    }

    /**
     * The one thread that takes snapshots; the snapshotter never queues two for the same journal. Deliberately not
     * an {@code Executor} bean: one would switch off Spring Boot's own task executor. It stops with the context's
     * lifecycle, before the data source closes, so a snapshot being written completes; one asked for after that is
     * dropped, which costs nothing but a longer next load.
     */
    static final class SnapshotThread implements SmartLifecycle {

        private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "journal-snapshotter");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.DiscardPolicy());

        Executor executor() {
            return executor;
        }

        /** Nothing to start: the thread starts with the first snapshot asked for. */
        @Override
        public void start() {
        }

        @Override
        public void stop() {
            executor.shutdown();
            try {
                executor.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Running until stopped, which shuts the executor down. */
        @Override
        public boolean isRunning() {
            return !executor.isShutdown();
        }
    }
}
