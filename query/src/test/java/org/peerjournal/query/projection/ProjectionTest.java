package org.peerjournal.query.projection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.peerjournal.query.QueryStoreTestApplication;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A fast test of projections (giftcard-demo style): their event handlers are called directly, each event in its own
 * transaction as a processor would, against a real embedded H2 whose schema comes from the query module's own Flyway
 * migrations, with Hibernate validating every row class against it. No application, no Axon, no HTTP: one small
 * Spring context (JPA, JDBC, Flyway) shared by every such test. Each test starts from empty read models, emptied by
 * the projections' own reset (the Reconciler's test adds Axon's event and token tables).
 */
@DataJpaTest(showSql = false, properties = {
        "spring.flyway.locations=" + ProjectionTest.QUERY_MIGRATIONS,
        "spring.jpa.hibernate.ddl-auto=validate",
        "spring.jpa.properties.hibernate.jdbc.time_zone=UTC"})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
public abstract class ProjectionTest {

    /** The query module's migrations, as the application lists them for H2. */
    public static final String QUERY_MIGRATIONS = "classpath:db/query/common,classpath:db/query/h2";

    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    private PlatformTransactionManager transactions;
    @Autowired
    private List<ReadModelProjection> projections;
    @Autowired
    protected QueryStoreTestApplication.PublishedChanges published;

    @BeforeEach
    void emptyReadModels() {
        projections.forEach(this::resetForReplay);
        // A replay keeps the timeline's journals on purpose (TimelineProjection.READ_MODEL); a test starts without.
        jdbc.update("delete from timeline_journal");
        published.clear();
    }

    /** The projection's reset handler, called as Axon calls it before a replay, in a transaction of its own. */
    protected void resetForReplay(ReadModelProjection projection) {
        handle(projection::reset);
    }

    /** One event handled, committed as the processor commits a batch. */
    protected void handle(Runnable handler) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> handler.run());
    }

    /** A query answered in its own transaction, as the query bus would. */
    protected <T> T query(Supplier<T> answer) {
        return new TransactionTemplate(transactions).execute(status -> answer.get());
    }

    protected long rows(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    /** An event as the store hands it to a handler: with its id, its time and its actor. */
    protected static <T> EventMessage<T> event(Instant at, Actor actor, T payload) {
        return new GenericEventMessage<>(UUID.randomUUID().toString(), payload, ActorMetaData.of(actor), at);
    }
}
