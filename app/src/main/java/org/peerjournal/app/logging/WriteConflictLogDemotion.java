package org.peerjournal.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

import java.util.List;

/**
 * Hibernate logs every SQL failure at WARN and ERROR before throwing it, including a unique-key violation, which
 * here is a normal outcome: two nodes appending to one journal at the same sequence number (the loser is retried),
 * two token claims racing. Such lines are logged at DEBUG instead ({@value #CONFLICTS}), so an alert on ERROR
 * lines does not fire on normal operation. Every other SQL failure keeps its level, and the exception itself is
 * still answered and logged where it is handled (unexpected ones at ERROR by the API's exception handler).
 */
public final class WriteConflictLogDemotion extends TurboFilter {

    static final String HIBERNATE_SQL_ERRORS = "org.hibernate.engine.jdbc.spi.SqlExceptionHelper";
    static final String CONFLICTS = "org.peerjournal.write-conflicts";
    /** The unique-violation SQLState (both stores) and how PostgreSQL and H2 word the violation. */
    private static final List<String> UNIQUE_VIOLATION = List.of("SQLState: 23505",
            "duplicate key value violates unique constraint", "Unique index or primary key violation");

    /** Installs the filter once in the running Logback context (Spring Boot has configured it by then). */
    public static void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context && context.getTurboFilterList()
                .stream().noneMatch(WriteConflictLogDemotion.class::isInstance)) {
            WriteConflictLogDemotion filter = new WriteConflictLogDemotion();
            filter.start();
            context.addTurboFilter(filter);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        if (format == null || !level.isGreaterOrEqual(Level.WARN) || !HIBERNATE_SQL_ERRORS.equals(logger.getName())
                || UNIQUE_VIOLATION.stream().noneMatch(format::contains)) {
            return FilterReply.NEUTRAL;
        }
        logger.getLoggerContext().getLogger(CONFLICTS).debug("Write conflict (unique key), retried or answered 409: {}", format);
        return FilterReply.DENY;
    }
}
