package org.peerjournal.app.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * What one logger writes while a test listens: a logback list appender attached to it, detached again (and the
 * logger's level put back) on close.
 */
public final class LogLines implements AutoCloseable {

    private final Logger logger;
    private final Level configuredLevel;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogLines(Logger logger) {
        this.logger = logger;
        this.configuredLevel = logger.getLevel();
        appender.start();
        logger.addAppender(appender);
    }

    public static LogLines of(Class<?> source) {
        return of(source.getName());
    }

    public static LogLines of(String loggerName) {
        return new LogLines((Logger) LoggerFactory.getLogger(loggerName));
    }

    /** Also the lines below the configured level, from DEBUG on. */
    public LogLines fromDebug() {
        logger.setLevel(Level.DEBUG);
        return this;
    }

    /** The lines so far, in order; safe to call while other threads log (the appender adds under its own lock). */
    public List<ILoggingEvent> lines() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(configuredLevel);
    }
}
