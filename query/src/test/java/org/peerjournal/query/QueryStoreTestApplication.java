package org.peerjournal.query;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.peerjournal.query.audit.AccessLogProjection;
import org.peerjournal.query.projection.ProjectionTables;
import org.peerjournal.query.projection.ReadModelProjection;
import org.peerjournal.shared.escalation.EscalationView;
import org.peerjournal.query.stream.EscalationChangeFeed;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

import java.util.ArrayList;
import java.util.List;

/**
 * The read side without Axon, web or security, for {@link org.peerjournal.query.projection.ProjectionTest}s: the projections (every
 * {@link ReadModelProjection}), the readers and SQL helpers their handlers and queries use, and the reconciler (with
 * where each processor's tokens live).
 * Entities and repositories come from the {@code @DataJpaTest} slice.
 */
@SpringBootConfiguration
@AutoConfigurationPackage
@ComponentScan(useDefaultFilters = false, includeFilters = {
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
                classes = {ReadModelProjection.class, ProjectionTables.class}),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = {
                "org\\.peerjournal\\.query\\.directory\\.(ContactMonths|TeamOverviewReader|ContactReportReader)",
                "org\\.peerjournal\\.query\\.notification\\.NotificationStates",
                "org\\.peerjournal\\.query\\.timeline\\.(TimelinePageReader|RecordedNoteRows)",
                "org\\.peerjournal\\.query\\.operations\\.(Reconciler|ProcessorDatabases|ProcessedEvents)"})})
public class QueryStoreTestApplication {

    /** The access log in the same database as every other read model, as on PostgreSQL. */
    @Bean(AccessLogProjection.TABLES)
    ProjectionTables accessLogTables(ProjectionTables tables) {
        return tables;
    }

    /** What the escalation queue published to the live streams, in order. */
    @Bean
    PublishedChanges publishedChanges() {
        return new PublishedChanges();
    }

    /** Axon's serializer as the application configures it (Jackson), for the tokens the reconciler reads. */
    @Bean
    Serializer serializer() {
        return JacksonSerializer.defaultSerializer();
    }

    public static final class PublishedChanges implements EscalationChangeFeed {

        private final List<EscalationView> changes = new ArrayList<>();

        @Override
        public synchronized void publish(EscalationView change) {
            changes.add(change);
        }

        public synchronized List<EscalationView> all() {
            return List.copyOf(changes);
        }

        public synchronized void clear() {
            changes.clear();
        }
    }
}
