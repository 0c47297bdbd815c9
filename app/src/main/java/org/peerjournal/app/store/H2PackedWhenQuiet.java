package org.peerjournal.app.store;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.peerjournal.query.operations.Projections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Packs the embedded store's file ({@code SHUTDOWN COMPACT}, then open again) at a quiet moment, so that the file
 * comes back to the size of its data after a burst of writes or a replay, with nobody having to stop the service.
 * The rounds of {@link H2FileCompaction} reuse space while the service is busy but cannot shrink the file to its
 * data (after 100,000 notes and a replay it stayed about 13 times its packed size: docs/benchmarks.md, "The embedded
 * store's file size"); only a copy of the live data into a new file does, and H2 makes that copy only while the store
 * is closed. Why at quiet moments and what it costs: docs/decisions/0021-embedded-store-packed-when-quiet.md.
 *
 * <p>Quiet means: no event stored for {@code pack-when-quiet-for} (every write and every logged read stores one),
 * every processor caught up (no replay running), and the file at least {@code pack-growth} times its size after
 * the last pack (or, before the first pack since the service started, at least {@code pack-minimum-size}). Then
 * the application's connection pool is held ({@link GatedPool}), so that every request and processor that wants
 * the store waits instead of failing (for as long as the pool's connection timeout at most), until the connections
 * in use are back; the store is packed and opened again with every
 * commit written at once ({@link H2CommitsWrittenAtOnce#pack()}); the pool's old connections (to the closed store)
 * are dropped and the pool let go. A round that finds a connection in use does not hold the pool; one that holds it
 * and waits longer than {@code connectionsBackWithin} for them lets it go and waits for a new quiet time.
 *
 * <p>Not there at all with {@code pack-when-quiet: false}. It runs on a thread of its own, not on the application's
 * scheduler: while the pool is held, the scheduler's other tasks wait for connections, and would leave no thread to
 * open the store again should that have failed.
 */
@Component
@Conditional(EmbeddedStore.Configured.class)
@ConditionalOnProperty("peerjournal.store.h2.pack-when-quiet")
class H2PackedWhenQuiet implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(H2PackedWhenQuiet.class);

    private final H2CommitsWrittenAtOnce store;
    private final GatedPool gate;
    private final HikariPoolMXBean pool;
    private final Activity activity;
    private final QuietMoment quiet;
    private final Duration connectionsBackWithin;
    private final Duration interval;
    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "h2-pack");
        thread.setDaemon(true);
        return thread;
    });
    /** Each pack: how long the pool was held, which is how long a request that came meanwhile waited. */
    private final Timer packs;

    /** What packing asks of the rest of the service. */
    interface Activity {

        /** The global index of the newest stored event. */
        long newestEvent();

        /** Whether every event processor has handled every stored event (none is replaying). */
        boolean everyProcessorCaughtUp();
    }

    @Autowired
    H2PackedWhenQuiet(H2CommitsWrittenAtOnce store, DataSource dataSource, Projections projections,
            MeterRegistry registry,
            @Value("${peerjournal.store.h2.pack-when-quiet-for}") Duration quietFor,
            @Value("${peerjournal.store.h2.pack-minimum-size}") DataSize minimumSize,
            @Value("${peerjournal.store.h2.pack-growth}") double growth,
            @Value("${peerjournal.store.h2.compact-interval}") Duration interval) throws SQLException {
        this(store, dataSource, new Activity() {
            @Override
            public long newestEvent() {
                return projections.head();
            }

            @Override
            public boolean everyProcessorCaughtUp() {
                return projections.statuses().stream().allMatch(status -> status.lag() == 0);
            }
        }, new QuietMoment(Clock.systemUTC(), quietFor, minimumSize.toBytes(), growth),
                // On a quiet store the connections in use are back within milliseconds.
                Duration.ofSeconds(5), interval, Timer.builder("peerjournal.store.packs")
                        .description("The embedded store packed at quiet moments, requests held meanwhile")
                        .register(registry));
    }

    H2PackedWhenQuiet(H2CommitsWrittenAtOnce store, DataSource dataSource, Activity activity, QuietMoment quiet,
            Duration connectionsBackWithin, Duration interval, Timer packs) throws SQLException {
        this.store = store;
        this.gate = dataSource.unwrap(GatedPool.class);
        this.pool = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
        this.activity = activity;
        this.quiet = quiet;
        this.connectionsBackWithin = connectionsBackWithin;
        this.interval = interval;
        this.packs = packs;
    }

    @Override
    public void afterPropertiesSet() {
        rounds.scheduleWithFixedDelay(this::packIfQuietLogged, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Lets a pack under way finish: stopping in the middle would leave requests waiting on a closed store. */
    @Override
    public void destroy() throws InterruptedException {
        rounds.shutdown();
        rounds.awaitTermination(1, TimeUnit.MINUTES);
    }

    /** One round. */
    void packIfQuiet() {
        if (!store.isOpen()) {
            openAgain();
            return;
        }
        long fileSize = fileSize();
        if (!quiet.worthPacking(fileSize) || pool.getActiveConnections() > 0
                || !quiet.isQuiet(activity.newestEvent()) || !activity.everyProcessorCaughtUp()) {
            return;
        }
        pack(fileSize);
    }

    long packs() {
        return packs.count();
    }

    /** A round that threw must not end the schedule. */
    private void packIfQuietLogged() {
        try {
            packIfQuiet();
        } catch (RuntimeException e) {
            log.warn("A round of packing the H2 store failed", e);
        }
    }

    private void pack(long before) {
        long start = System.nanoTime();
        gate.hold();
        pool.suspendPool();
        try {
            log.info("Packing the H2 store at a quiet moment: {} bytes", before);
            if (!connectionsBack()) {
                log.info("Not packing the H2 store now: {} connections still in use after {}",
                        pool.getActiveConnections(), connectionsBackWithin);
                quiet.notNow();
                return;
            }
            OptionalLong packed = store.pack();
            if (packed.isEmpty()) {
                log.info("Not packing the H2 store now: a backup or a compaction round works on the file");
                quiet.notNow();
                return;
            }
            long after = packed.getAsLong();
            quiet.packed(after);
            long held = System.nanoTime() - start;
            packs.record(held, TimeUnit.NANOSECONDS);
            log.info("Packed the H2 store at a quiet moment: {} -> {} bytes in {} ms", before, after,
                    TimeUnit.NANOSECONDS.toMillis(held));
        } catch (SQLException e) {
            log.error("Could not pack the H2 store", e);
        } finally {
            letThePoolGo();
        }
    }

    /**
     * The pool is let go only with the store open and written at once: otherwise a connection from the pool would
     * open it with H2's default write delay, and acknowledge writes that a crash could lose. So if it could not be
     * opened again, requests are refused after the pool's connection timeout ({@link GatedPool}) and every round
     * tries again.
     */
    private void letThePoolGo() {
        if (!store.isOpen()) {
            log.error("The H2 store is closed after packing; requests are refused until it opens again");
            return;
        }
        pool.softEvictConnections();
        pool.resumePool();
        gate.letGo();
    }

    private void openAgain() {
        try {
            store.reopen();
            log.info("Opened the H2 store again after packing");
            letThePoolGo();
        } catch (SQLException e) {
            log.error("Could not open the H2 store again; requests are refused until it opens", e);
        }
    }

    /** Waits, briefly, until no connection of the pool is in use. */
    private boolean connectionsBack() {
        long deadline = System.nanoTime() + connectionsBackWithin.toNanos();
        while (pool.getActiveConnections() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return true;
    }

    /** The file's size, or 0 while a round of {@link H2FileCompaction} works on it. */
    private long fileSize() {
        long[] size = {0};
        store.onTheFile(mvStore -> size[0] = mvStore.getFileStore().size());
        return size[0];
    }
}
