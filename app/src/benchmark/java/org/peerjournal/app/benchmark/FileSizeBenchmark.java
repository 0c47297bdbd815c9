package org.peerjournal.app.benchmark;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.StandaloneApp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How large the embedded H2 file grows (issue #15: "after 100,000 notes written ... and one replay, the file is at
 * most 3x its size after SHUTDOWN COMPACT, without an operator doing anything"). On a fresh store: 1,000 journals
 * with 100 notes each written through the command gateway by 8 threads (not over HTTP: at this machine's 50-130
 * notes/s over HTTP 100,000 notes would take 15-30 minutes; the store receives the same writes either way), then
 * every projection at lag 0; then one replay of {@code timeline} and of {@code journal-directory}, one after the
 * other, each to lag 0. The file's size is printed every 15 s, after the writes, right after the replays and after
 * {@link #SETTLE} more without load (time enough for the service to pack the store at a quiet moment, ADR 0021);
 * then the application is closed, the administrator runs {@code SHUTDOWN COMPACT} (timed) and the size is taken
 * again. The ratio is printed, never asserted.
 *
 * <p>Run: {@code mvn -B -o -pl app -am test -Pbenchmark -Dtest=FileSizeBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; {@code -Dbench.journals=100} writes a tenth,
 * {@code -Dbench.settings=peerjournal.store.h2.compact-write-limit=32MB} runs the application with other settings
 * (docs/benchmarks.md, "The embedded store's file size", says which comparisons can still be set up).
 */
@Tag("benchmark")
class FileSizeBenchmark {

    static final int JOURNALS = Integer.getInteger("bench.journals", 1_000);
    static final int NOTES_PER_JOURNAL = 99;
    static final int WRITERS = 8;
    static final Duration SETTLE = Duration.ofSeconds(30);
    static final List<String> SETTINGS = ApplicationSettings.fromCommandLine();

    @TempDir
    Path dataDir;

    @Test
    void fileSizeAgainstItsCompactedSize() throws Exception {
        Path file = dataDir.resolve("peerjournal.mv.db");
        System.out.printf(Locale.ROOT, "%n=== H2 file size: %d journals x (1 opening + %d notes) through the gateway,"
                + " %d writers, settings %s, %s ===%n", JOURNALS, NOTES_PER_JOURNAL, WRITERS, SETTINGS,
                LoadAverage.describe());
        long written;
        long replayed;
        long settled;
        long start = System.nanoTime();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> System.out.printf(Locale.ROOT, "  %4.0f s: %s, %s%n",
                (System.nanoTime() - start) / 1e9, megabytes(file), LoadAverage.describe()), 15, 15, TimeUnit.SECONDS);
        try (StandaloneApp app = StandaloneApp.start(dataDir, SETTINGS.toArray(String[]::new))) {
            JournalSeeder seeder = new JournalSeeder(app.bean(CommandGateway.class), "north", "david", 8);
            JournalSeeder.Result seeded = seeder.seed(JOURNALS, NOTES_PER_JOURNAL, WRITERS);
            ProjectionsAdmin admin = new ProjectionsAdmin(app.client().as("olle"));
            admin.awaitAllCaughtUp(Duration.ofMinutes(15));
            written = size(file);
            System.out.printf(Locale.ROOT, "written: %d events in %.0f s (%.0f events/s); file %s%n", seeded.events(),
                    seeded.seconds(), seeded.eventsPerSecond(), megabytes(file));
            for (String name : List.of("timeline", "journal-directory")) {
                long nanos = admin.replayAndTime(List.of(name), Duration.ofMinutes(15)).get(name);
                System.out.printf(Locale.ROOT, "replayed %s in %.1f s; file %s%n", name, nanos / 1e9,
                        megabytes(file));
            }
            replayed = size(file);
            long quietUntil = System.nanoTime() + SETTLE.toNanos();
            while (System.nanoTime() < quietUntil) {
                TimeUnit.SECONDS.sleep(1);
            }
            settled = size(file);
        } finally {
            sampler.shutdownNow();
        }
        long closed = size(file);
        long compacting = System.nanoTime();
        try (Connection administrator = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("peerjournal"),
                "sa", ""); Statement statement = administrator.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        }
        long compacted = size(file);
        System.out.printf(Locale.ROOT, "SHUTDOWN COMPACT took %.1f s%n", (System.nanoTime() - compacting) / 1e9);
        System.out.printf(Locale.ROOT, "%n=== H2 file size: summary (%s) ===%n", LoadAverage.describe());
        for (var row : List.of(List.of("after the writes, projections at lag 0", written),
                List.of("right after one replay of timeline and journal-directory", replayed),
                List.of("after " + SETTLE.toSeconds() + " s more without load", settled),
                List.of("after the application closed", closed),
                List.of("after SHUTDOWN COMPACT", compacted))) {
            long bytes = (Long) row.get(1);
            System.out.printf(Locale.ROOT, "%-58s %10.1f MB %6.2fx compacted%n", row.get(0), bytes / 1e6,
                    (double) bytes / compacted);
        }
    }

    private static String megabytes(Path file) {
        return String.format(Locale.ROOT, "%.1f MB", size(file) / 1e6);
    }

    /** The file's size; 0 before the store has created it (a sampler that threw would never run again). */
    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
