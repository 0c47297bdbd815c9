package org.peerjournal.app.store;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.peerjournal.query.consistency.LocalWrites;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * The event store: Axon's JDBC storage engine on the application's data source and its embedded store, with two
 * additions for reading one's own writes quickly: positions of committed journal events for {@link LocalWrites}
 * and processors woken by new events instead of polling (see ADR 0010).
 */
@Configuration
class EventStoreConfiguration {

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration, DataSource dataSource,
            TransactionManager transactionManager, LocalWrites localWrites) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource));
        return new PositionRecordingJdbcEventStorageEngine(builder, transactionManager, localWrites);
    }

    /**
     * @param fetchDelay how often the store looks for events other nodes committed; this node's own are read at
     *                   once after their commit
     */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
            org.axonframework.config.Configuration configuration,
            @Value("${peerjournal.projections.fetch-delay:PT0.1S}") Duration fetchDelay) {
        return new WakingEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis()));
    }
}
