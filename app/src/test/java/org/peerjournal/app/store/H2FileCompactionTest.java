package org.peerjournal.app.store;

import org.flywaydb.core.Flyway;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The embedded store's file grows far less while {@link H2FileCompaction} runs (H2 itself compacts nothing at
 * WRITE_DELAY 0): the same small commits, one after another, leave a file at most a third of the size they leave
 * without it, and every row is still there afterwards. The retention time here is 50 ms rather than the configured
 * seconds, so that the test need not wait; what the configured values give the application is measured by
 * {@code FileSizeBenchmark} (docs/benchmarks.md).
 */
class H2FileCompactionTest {

    private static final int COMMITS = 3_000;
    private static final Duration RETENTION = Duration.ofMillis(50);
    /** As configured (application.yml). */
    private static final int FILL_RATE = 80;

    @TempDir
    Path dir;

    @Test
    void theSameWritesLeaveAFileAThirdOfTheSizeOrLessAndLoseNothing() throws Exception {
        long before = writeManySmallCommits(dir.resolve("as-before"), false);
        Path store = dir.resolve("compacted");
        long compacted = writeManySmallCommits(store, true);

        assertThat(3 * compacted).as("file with compaction (%d bytes) against without (%d bytes)", compacted, before)
                .isLessThanOrEqualTo(before);
        try (Connection connection = DriverManager.getConnection(url(store), "sa", "");
             Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("select count(*) from projected_row")) {
            rows.next();
            assertThat(rows.getLong(1)).as("rows after compaction").isEqualTo(COMMITS);
        }
    }

    /** Space is reused only after the file was forced to the disk since: a retention under two rounds is refused. */
    @Test
    void aRetentionShorterThanTwoRoundsIsRefused() {
        assertThatThrownBy(() -> new H2FileCompaction(new H2CommitsWrittenAtOnce(), Duration.ofSeconds(3),
                Duration.ofSeconds(2), 80, DataSize.ofMegabytes(8))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("peerjournal.store.h2.retention-time");
    }

    /** At 100 % every round would rewrite the whole file; at 0 % none ever would. */
    @Test
    void aFillRateOutsideOneToNinetyNineIsRefused() {
        for (int fillRate : new int[] {0, 100}) {
            assertThatThrownBy(() -> new H2FileCompaction(new H2CommitsWrittenAtOnce(), Duration.ofSeconds(4),
                    Duration.ofSeconds(2), fillRate, DataSize.ofMegabytes(8)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("peerjournal.store.h2.compact-fill-rate");
        }
    }

    /**
     * A round rewrites in steps of 1 MB so that a commit waits for one step at most: between two steps the commits
     * waiting take H2's store lock before the round's next step, because H2 makes that lock fair (and the round
     * waits in that queue like a commit). An H2 whose lock were not fair would let a
     * round hold every commit back for all of its steps; this pins it, for the next upgrade of H2.
     */
    @Test
    void h2sStoreLockIsFairSoWaitingCommitsGetInBetweenTheSteps() throws Exception {
        try (MVStore store = new MVStore.Builder().fileName(dir.resolve("fair.mv.db").toString()).open()) {
            Field storeLock = MVStore.class.getDeclaredField("storeLock");
            storeLock.setAccessible(true);
            assertThat(((ReentrantLock) storeLock.get(store)).isFair()).as("H2's store lock is fair").isTrue();
        }
    }

    /**
     * Under load, commits hold H2's store lock most of the time. H2's own {@code MVStore.compact} gives up when it has
     * not had the lock within 10 ms, and did so in most rounds while notes arrived: the rounds rewrote nothing, and
     * 100,000 notes left a file of 3.5 GB (docs/benchmarks.md, "The embedded store's file size", session 14). A round
     * now waits for the lock like a commit does (in H2's fair queue), so it rewrites however busy the store is.
     */
    @Test
    void aRoundWaitsForTheStoreLockRatherThanGivingUpWhileCommitsHoldIt() throws Exception {
        String url = url(dir.resolve("busy"));
        H2CommitsWrittenAtOnce administrator = administratorOf(url);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            insertRows(connection, 300, () -> { });
            AtomicReference<MVStore> opened = new AtomicReference<>();
            administrator.onTheFile(opened::set);
            MVStore mvStore = opened.get();
            await().pollDelay(RETENTION.multipliedBy(2)).until(() -> true);
            long version = mvStore.getCurrentVersion();
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch held = new CountDownLatch(1);
            threads.submit(() -> mvStore.executeFilestoreOperation(() -> {
                held.countDown();
                awaitQuietly(release);
            }));
            held.await();
            H2FileCompaction compaction = new H2FileCompaction(administrator, RETENTION, RETENTION.dividedBy(2),
                    FILL_RATE, DataSize.ofMegabytes(8));
            Future<?> round = threads.submit(compaction::compact);

            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !round.isDone());
            release.countDown();
            round.get(10, TimeUnit.SECONDS);
            assertThat(mvStore.getCurrentVersion()).as("versions committed by the round's rewriting")
                    .isGreaterThan(version);
        } finally {
            threads.shutdownNow();
            administrator.destroy();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Inserts rows one commit each, running {@code afterHundred} after every hundredth. */
    private static void insertRows(Connection connection, int count, Runnable afterHundred) throws Exception {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("create table projected_row (id uuid primary key, text varchar(400))");
        }
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("insert into projected_row values (?, ?)")) {
            for (int i = 1; i <= count; i++) {
                insert.setObject(1, UUID.randomUUID());
                // Random text, about a note's length: nothing for H2 to share between rows.
                insert.setString(2, randomText());
                insert.executeUpdate();
                connection.commit();
                if (i % 100 == 0) {
                    afterHundred.run();
                }
            }
        }
    }

    /** Answers the file's size once the last commit is in and, if compacting, the last rounds have run. */
    private long writeManySmallCommits(Path store, boolean compacting) throws Exception {
        String url = url(store);
        H2CommitsWrittenAtOnce administrator = administratorOf(url);
        H2FileCompaction compaction = new H2FileCompaction(administrator, RETENTION, RETENTION.dividedBy(2),
                FILL_RATE, DataSize.ofMegabytes(8));
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            insertRows(connection, COMMITS, compacting ? compaction::compact : () -> { });
            if (compacting) {
                // What the schedule does after the writes: more rounds once the last chunks are old enough.
                await().pollDelay(RETENTION.multipliedBy(2)).atMost(Duration.ofSeconds(10)).until(() -> {
                    long before = Files.size(file(store));
                    compaction.compact();
                    return Files.size(file(store)) >= before;
                });
            }
            return Files.size(file(store));
        } finally {
            administrator.destroy();
        }
    }

    /** The store opened as the application opens it: WRITE_DELAY 0, by the administrator's connection kept open. */
    private static H2CommitsWrittenAtOnce administratorOf(String url) {
        H2CommitsWrittenAtOnce administrator = new H2CommitsWrittenAtOnce();
        administrator.migrate(Flyway.configure().dataSource(url, "sa", "").locations("classpath:no-migrations")
                .load());
        return administrator;
    }

    private static String randomText() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            text.append(UUID.randomUUID());
        }
        return text.toString();
    }

    private static String url(Path store) {
        return "jdbc:h2:file:" + store.resolve("db");
    }

    private static Path file(Path store) {
        return store.resolve("db.mv.db");
    }
}
