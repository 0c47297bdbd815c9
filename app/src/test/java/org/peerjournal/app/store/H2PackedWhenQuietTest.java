package org.peerjournal.app.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.MutableClock;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What packing does to the application's connection pool, on a store and a HikariCP pool of the test's own (the pool
 * signs in as the administrator here; WRITE_DELAY is the store's setting, whoever reads it): a request that wants a
 * connection while the store is packed waits, until the store is open again and written at once, and then finds its
 * rows; a round that finds a connection in use leaves the pool alone, and one whose connections do not come back lets
 * it go and waits for a new quiet time; if the store cannot be opened again with writes at once, requests are
 * refused after the pool's connection timeout until a later round has opened it; a round that finds the file in use
 * (a backup) lets the pool go at once; the database's health check (part of the readiness probe) waits as requests
 * do; and a copy a crash left half-written is removed. (When the store is quiet enough, and what packing does to the file: {@code QuietMomentTest},
 * {@code H2PackedWhenQuietIT}.)
 */
class H2PackedWhenQuietTest {

    private static final Duration QUIET_FOR = Duration.ofSeconds(10);
    private static final int ROWS = 100;
    private static final Duration WAIT_AT_MOST = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T04:00:00Z"));
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final CountDownLatch aboutToPack = new CountDownLatch(1);
    /** A connection the service's activity check takes and keeps, as a request that came at that moment would. */
    private volatile boolean checkTakesAConnection;
    /** Whether the activity check starts work on the file (as a backup asked for at that moment would) and waits. */
    private volatile boolean checkStartsWorkOnTheFile;
    private final CountDownLatch workOnTheFileStarted = new CountDownLatch(1);
    private final CountDownLatch workOnTheFileDone = new CountDownLatch(1);
    private volatile Future<?> workOnTheFile;
    private Connection takenByTheCheck;
    private String url;
    private AdministratorAccount administratorAccount;
    private H2CommitsWrittenAtOnce store;
    private HikariDataSource hikari;
    /** The application's pool as the service has it: behind the gate, which refuses after 3 s here. */
    private GatedPool pool;
    private H2PackedWhenQuiet.Activity quietService;
    private H2PackedWhenQuiet packing;

    @BeforeEach
    void openTheStoreAsTheApplicationDoes() throws Exception {
        url = "jdbc:h2:file:" + dir.resolve("db");
        administratorAccount = new AdministratorAccount(new DriverManagerDataSource(url, "sa", ""));
        store = new H2CommitsWrittenAtOnce();
        store.migrate(Flyway.configure().dataSource(administratorAccount).locations("classpath:no-migrations").load());
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setMaximumPoolSize(2);
        config.setAllowPoolSuspension(true);
        hikari = new HikariDataSource(config);
        pool = new GatedPool(hikari, WAIT_AT_MOST);
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table note (id int primary key)");
            statement.execute("insert into note select x from system_range(1, " + ROWS + ")");
        }
        quietService = new H2PackedWhenQuiet.Activity() {
            @Override
            public long newestEvent() {
                return 41;
            }

            @Override
            public boolean everyProcessorCaughtUp() {
                if (checkTakesAConnection) {
                    takenByTheCheck = connection();
                }
                if (checkStartsWorkOnTheFile) {
                    workOnTheFile = threads.submit(() -> store.onTheFile(mvStore -> {
                        workOnTheFileStarted.countDown();
                        awaitQuietly(workOnTheFileDone);
                    }));
                    awaitQuietly(workOnTheFileStarted);
                }
                aboutToPack.countDown();
                return true;
            }
        };
        packing = packingThatWaitsForConnections(Duration.ofSeconds(10));
    }

    /** Packing that has seen the service quiet for long enough. */
    private H2PackedWhenQuiet packingThatWaitsForConnections(Duration connectionsBackWithin) throws SQLException {
        H2PackedWhenQuiet packing = new H2PackedWhenQuiet(store, pool, quietService,
                new QuietMoment(clock, QUIET_FOR, 0, 2), connectionsBackWithin, Duration.ofSeconds(1),
                new SimpleMeterRegistry().timer("packs"));
        packing.packIfQuiet();
        clock.advance(QUIET_FOR);
        return packing;
    }

    @AfterEach
    void close() throws Exception {
        // A test that failed with the pool held leaves no thread waiting on it for good.
        hikari.getHikariPoolMXBean().resumePool();
        threads.shutdownNow();
        hikari.close();
        store.destroy();
    }

    @Test
    void aRequestWhileTheStoreIsPackedWaitsAndThenFindsItsRowsWrittenAtOnce() throws Exception {
        Future<?> packed = aPackWaitingForTheConnectionInUse();

        Future<String> request = threads.submit(this::rowsAndWriteDelay);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !request.isDone());
        takenByTheCheck.close();

        packed.get(30, TimeUnit.SECONDS);
        assertThat(packing.packs()).isEqualTo(1);
        assertThat(request.get(30, TimeUnit.SECONDS)).as("rows, and WRITE_DELAY").isEqualTo(ROWS + ", 0");
    }

    /**
     * The readiness probe includes the database's health (application.yml, {@code readinessState,db}): Spring's check
     * of it takes a connection from the pool, so during a pack it waits too, and then reports the store up.
     */
    @Test
    void theDatabaseHealthCheckWaitsDuringAPackAndThenReportsUp() throws Exception {
        Future<?> packed = aPackWaitingForTheConnectionInUse();

        Future<Health> health = threads.submit(() -> new DataSourceHealthIndicator(pool).health());
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !health.isDone());
        takenByTheCheck.close();

        packed.get(30, TimeUnit.SECONDS);
        assertThat(packing.packs()).isEqualTo(1);
        assertThat(health.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(Status.UP);
    }

    /** The pool is let go only once the administrator has opened the store again and made it write at once. */
    @Test
    void aRequestWhileTheStoreIsOpenedAgainWaitsUntilItIsWrittenAtOnce() throws Exception {
        administratorAccount.holdNextConnection();
        Future<?> packed = threads.submit(packing::packIfQuiet);
        assertThat(administratorAccount.connecting.await(30, TimeUnit.SECONDS)).as("opening the store again").isTrue();

        Future<String> request = threads.submit(this::rowsAndWriteDelay);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !request.isDone());
        administratorAccount.letConnect.countDown();

        packed.get(30, TimeUnit.SECONDS);
        assertThat(request.get(30, TimeUnit.SECONDS)).as("rows, and WRITE_DELAY").isEqualTo(ROWS + ", 0");
    }

    /**
     * A backup that began after the round looked at the file holds it for as long as the copy takes: the round does
     * not wait for it with every request held, but lets the pool go and waits for a new quiet time.
     */
    @Test
    void aRoundThatFindsTheFileInUseLetsThePoolGoAndWaitsForANewQuietTime() throws Exception {
        checkStartsWorkOnTheFile = true;
        packing.packIfQuiet();

        assertThat(packing.packs()).as("packs while the file was in use").isZero();
        assertThat(threads.submit(this::rowsAndWriteDelay).get(30, TimeUnit.SECONDS)).as("a request meanwhile")
                .startsWith(ROWS + ", ");
        workOnTheFileDone.countDown();
        workOnTheFile.get(30, TimeUnit.SECONDS);
        checkStartsWorkOnTheFile = false;
        packing.packIfQuiet();
        assertThat(packing.packs()).as("packs right after, the newest event unchanged").isZero();
        clock.advance(QUIET_FOR);
        packing.packIfQuiet();
        assertThat(packing.packs()).as("packs after a new quiet time").isEqualTo(1);
    }

    @Test
    void aRoundThatFindsAConnectionInUseLeavesThePoolAlone() throws Exception {
        try (Connection inUse = pool.getConnection()) {
            packing.packIfQuiet();

            assertThat(packing.packs()).isZero();
            assertThat(threads.submit(this::rowsAndWriteDelay).get(30, TimeUnit.SECONDS)).startsWith(ROWS + ", ");
        }
    }

    @Test
    void whenTheConnectionsInUseDoNotComeBackThePoolIsLetGoAndANewQuietTimeAwaited() throws Exception {
        packing = packingThatWaitsForConnections(Duration.ofMillis(500));
        checkTakesAConnection = true;
        packing.packIfQuiet();
        checkTakesAConnection = false;

        assertThat(packing.packs()).as("packs with a connection kept in use").isZero();
        assertThat(threads.submit(this::rowsAndWriteDelay).get(30, TimeUnit.SECONDS)).as("a request after the round")
                .startsWith(ROWS + ", ");
        takenByTheCheck.close();
        packing.packIfQuiet();
        assertThat(packing.packs()).as("packs right after, the newest event unchanged").isZero();
        clock.advance(QUIET_FOR);
        packing.packIfQuiet();
        assertThat(packing.packs()).as("packs after a new quiet time").isEqualTo(1);
    }

    /**
     * A store that cannot be opened again with writes at once stays behind the gate: a request waits the pool's
     * connection timeout and is refused (answered 503), rather than waiting for good, and the database's health (in
     * the readiness probe) is down; once a later round has opened the store, requests find it written at once.
     */
    @Test
    void whenTheStoreCannotBeOpenedAgainRequestsAreRefusedUntilALaterRoundHasOpenedIt() throws Exception {
        administratorAccount.refusing = true;
        packing.packIfQuiet();
        assertThat(store.isOpen()).as("the store after packing, its administrator refused").isFalse();

        Future<String> request = threads.submit(this::rowsAndWriteDelay);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !request.isDone());
        assertThatThrownBy(() -> request.get(30, TimeUnit.SECONDS)).as("a request while the store is closed")
                .hasRootCauseInstanceOf(SQLTransientConnectionException.class)
                .hasMessageContaining("for longer than " + WAIT_AT_MOST);
        packing.packIfQuiet();
        assertThatThrownBy(this::rowsAndWriteDelay).as("a request after a round that could not open the store")
                .isInstanceOf(SQLTransientConnectionException.class);
        assertThat(new DataSourceHealthIndicator(pool).health().getStatus()).as("the database's health meanwhile")
                .isEqualTo(Status.DOWN);

        administratorAccount.refusing = false;
        packing.packIfQuiet();
        assertThat(store.isOpen()).isTrue();
        assertThat(rowsAndWriteDelay()).as("rows, and WRITE_DELAY").isEqualTo(ROWS + ", 0");
    }

    /**
     * H2 copies the store into a file beside it and renames the copy over the store in one step; a crash in the
     * middle of the copy leaves the copy half-written. The store opens as it was, and H2 removes the copy.
     */
    @Test
    void aCopyLeftHalfWrittenByACrashIsRemovedAndTheStoreOpensWithItsRows() throws Exception {
        hikari.close();
        store.destroy();
        Path copy = dir.resolve("db.mv.db.tempFile");
        Files.write(copy, new byte[64 * 1024]);

        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                ResultSet rows = connection.createStatement().executeQuery("select count(*) from note")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(ROWS);
        }
        assertThat(copy).doesNotExist();
    }

    /** A round that holds the pool and waits for the connection its own check took, as a request would have. */
    private Future<?> aPackWaitingForTheConnectionInUse() throws InterruptedException {
        checkTakesAConnection = true;
        Future<?> packed = threads.submit(packing::packIfQuiet);
        assertThat(aboutToPack.await(30, TimeUnit.SECONDS)).as("the round got to packing").isTrue();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !packed.isDone());
        return packed;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Connection connection() {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String rowsAndWriteDelay() throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*), (select max(setting_value) from"
                        + " information_schema.settings where setting_name = 'WRITE_DELAY') from note")) {
            rows.next();
            return rows.getLong(1) + ", " + rows.getString(2);
        }
    }

    /** The administrator's account, which the test can make refuse every connection, or hold the next one. */
    private static final class AdministratorAccount extends DelegatingDataSource {

        volatile boolean refusing;
        final CountDownLatch connecting = new CountDownLatch(1);
        final CountDownLatch letConnect = new CountDownLatch(1);
        private volatile boolean holding;

        AdministratorAccount(DriverManagerDataSource target) {
            super(target);
        }

        void holdNextConnection() {
            holding = true;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (refusing) {
                throw new SQLException("refused by the test");
            }
            if (holding) {
                holding = false;
                connecting.countDown();
                try {
                    letConnect.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException(e);
                }
            }
            return super.getConnection();
        }
    }
}
