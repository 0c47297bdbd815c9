package org.peerjournal.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hibernate's lines about a unique-key violation (the words PostgreSQL and H2 use) come out at DEBUG on the
 * write-conflicts logger; its other SQL errors keep their level.
 */
class WriteConflictLogDemotionTest {

    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger hibernate;

    @BeforeEach
    void logback() {
        WriteConflictLogDemotion filter = new WriteConflictLogDemotion();
        filter.start();
        context.addTurboFilter(filter);
        appender.setContext(context);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        hibernate = context.getLogger(WriteConflictLogDemotion.HIBERNATE_SQL_ERRORS);
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void uniqueViolationsAreNotLoggedAsWarningsOrErrors() {
        hibernate.warn("SQL Error: 0, SQLState: 23505");
        hibernate.error("ERROR: duplicate key value violates unique constraint \"uk_domain_event_aggregate\"\n"
                + "  Detail: Key (aggregate_identifier, sequence_number)=(4b1d, 7) already exists.");
        hibernate.warn("SQL Error: 23505, SQLState: 23505");
        hibernate.error("Unique index or primary key violation: \"PUBLIC.UK_DOMAIN_EVENT_AGGREGATE_INDEX_8 ON"
                + " PUBLIC.DOMAIN_EVENT_ENTRY(AGGREGATE_IDENTIFIER, SEQUENCE_NUMBER)\"; SQL statement: [23505-232]");

        assertThat(appender.list).isEmpty();
    }

    @Test
    void otherSqlErrorsKeepTheirLevel() {
        hibernate.warn("SQL Error: 0, SQLState: 08006");
        hibernate.error("ERROR: relation \"domain_event_entry\" does not exist");

        assertThat(appender.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.ERROR);
    }

    @Test
    void uniqueViolationsAreKeptAtDebugForWhoeverWantsThem() {
        context.getLogger(WriteConflictLogDemotion.CONFLICTS).setLevel(Level.DEBUG);

        hibernate.error("ERROR: duplicate key value violates unique constraint \"token_entry_pkey\"");

        assertThat(appender.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(event.getLoggerName()).isEqualTo(WriteConflictLogDemotion.CONFLICTS);
        });
    }
}
