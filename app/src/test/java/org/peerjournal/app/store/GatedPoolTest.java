package org.peerjournal.app.store;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The gate in front of the application's pool: held, it lets those getting a connection finish first, makes the
 * others wait and refuses them after the wait allowed; let go, it lets the waiting through. Unwrapped, it is the pool.
 * (What packing does with it: {@code H2PackedWhenQuietTest}.)
 */
class GatedPoolTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final CountDownLatch connecting = new CountDownLatch(1);
    private final CountDownLatch letConnect = new CountDownLatch(1);
    private final SlowPool slowPool = new SlowPool();
    private final GatedPool gate = new GatedPool(slowPool, Duration.ofSeconds(2));

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void heldTheGateMakesOthersWaitAndRefusesThemAfterTheWaitAllowed() throws Exception {
        gate.hold();

        Future<Connection> waiting = threads.submit(() -> gate.getConnection());
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !waiting.isDone());
        assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(SQLTransientConnectionException.class).hasMessageContaining("PT2S");

        Future<Connection> letThrough = threads.submit(() -> gate.getConnection());
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !letThrough.isDone());
        gate.letGo();
        assertThat(letThrough.get(30, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void holdingTheGateWaitsForThoseGettingAConnectionNow() throws Exception {
        slowPool.slow = true;
        Future<Connection> gettingOne = threads.submit(() -> gate.getConnection());
        assertThat(connecting.await(30, TimeUnit.SECONDS)).isTrue();

        Future<?> holding = threads.submit(gate::hold);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !holding.isDone());
        letConnect.countDown();

        assertThat(gettingOne.get(30, TimeUnit.SECONDS)).isNotNull();
        holding.get(30, TimeUnit.SECONDS);
    }

    /** Spring Boot derives Flyway's source and finds the pool's metrics by unwrapping: they get the pool. */
    @Test
    void unwrappedItIsThePoolAndOnlyAsItselfTheGate() throws SQLException {
        try (HikariDataSource hikari = new HikariDataSource()) {
            GatedPool gated = new GatedPool(hikari, Duration.ofSeconds(2));

            assertThat(gated.unwrap(DataSource.class)).isSameAs(hikari);
            assertThat(gated.unwrap(HikariDataSource.class)).isSameAs(hikari);
            assertThat(gated.unwrap(GatedPool.class)).isSameAs(gated);
            assertThat(gated.isWrapperFor(GatedPool.class)).isTrue();
            assertThat(gated.isWrapperFor(HikariDataSource.class)).isTrue();
        }
    }

    /** A pool whose next connection, once made slow, waits until the test lets it through. */
    private final class SlowPool extends DelegatingDataSource {

        volatile boolean slow;

        SlowPool() {
            super(new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:gated"));
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (slow) {
                connecting.countDown();
                try {
                    assertThat(letConnect.await(30, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException(e);
                }
            }
            return super.getConnection();
        }
    }
}
