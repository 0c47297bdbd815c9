package org.peerjournal.app.store;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The application's connection pool on the embedded store, behind a gate that {@link H2PackedWhenQuiet} closes while
 * it packs the store: whoever asks for a connection meanwhile waits, at most {@code waitAtMost} (the pool's
 * connection timeout), and is then refused with a {@link SQLTransientConnectionException}, which the API answers 503
 * like a pool that has no connection free in that time. Behind the gate HikariCP's own suspension keeps the pool from
 * opening a connection to the closed store, but a thread that waits there waits for good: a store that could not be
 * opened again would leave every request hanging instead of answering (ADR 0021).
 *
 * <p>As HikariCP's suspension does, the gate lets those that are getting a connection right now finish first.
 */
public final class GatedPool extends DelegatingDataSource {

    /** More than there are threads; holding the gate takes them all. */
    private static final int EVERYONE = 10_000;

    /** Fair: once a pack waits to hold the gate, those that come after it wait behind it. */
    private final Semaphore gate = new Semaphore(EVERYONE, true);
    private final Duration waitAtMost;

    GatedPool(DataSource pool, Duration waitAtMost) {
        super(pool);
        this.waitAtMost = waitAtMost;
    }

    @Override
    public Connection getConnection() throws SQLException {
        enter();
        try {
            return super.getConnection();
        } finally {
            gate.release();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        enter();
        try {
            return super.getConnection(username, password);
        } finally {
            gate.release();
        }
    }

    /** Closes the gate, once those getting a connection now have theirs. */
    void hold() {
        gate.acquireUninterruptibly(EVERYONE);
    }

    void letGo() {
        gate.release(EVERYONE);
    }

    /**
     * The pool itself to whoever unwraps it as a {@link DataSource} (Spring Boot's builder of Flyway's own source,
     * its pool metrics); the gate only as itself.
     */
    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type == GatedPool.class ? type.cast(this) : obtainTargetDataSource().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type == GatedPool.class || obtainTargetDataSource().isWrapperFor(type);
    }

    private void enter() throws SQLException {
        boolean entered;
        try {
            entered = gate.tryAcquire(waitAtMost.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("Interrupted while the embedded store was being packed", e);
        }
        if (!entered) {
            throw new SQLTransientConnectionException("The embedded store was being packed, or could not be opened"
                    + " again after packing, for longer than " + waitAtMost);
        }
    }

    /** Puts the application's pool on the embedded store behind a gate. */
    @Component
    @Conditional(EmbeddedStore.Configured.class)
    static final class Installer implements BeanPostProcessor {

        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
            return bean instanceof HikariDataSource pool
                    ? new GatedPool(pool, Duration.ofMillis(pool.getConnectionTimeout())) : bean;
        }
    }
}
