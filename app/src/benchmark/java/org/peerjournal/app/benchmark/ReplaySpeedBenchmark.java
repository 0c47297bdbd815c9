package org.peerjournal.app.benchmark;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.StandaloneApp;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay speed of the projections (issue: "measure events per second for a full replay of 100,000 events ...
 * target >= 5,000 events/s on 2 cores with H2"). Seeds 1,000 journals with 99 notes each (100,000 events with the
 * openings) through the command gateway and waits until every projection is at lag 0. Then, for each processor
 * batch size under test (the application is restarted on the same store with
 * {@code axon.eventhandling.processors.<name>.batch-size}), replays "timeline" and "journal-directory" one at a time
 * through POST /api/admin/projections/{name}/replay, after an untimed warm-up replay in each application started,
 * and times each until GET /api/admin/projections shows it at lag 0 again (polled every 100 ms), printing each
 * thread's CPU time during it. With the first batch size also "escalation-queue" alone (it handles none of the
 * seeded events: the cost of reading and skipping them) and all four replayable projections at once.
 *
 * <p>Figures are printed, never asserted; only the data set's size and the rebuilt tables are. Run: {@code mvn -B -o
 * -pl app -am test -Pbenchmark -Dtest=ReplaySpeedBenchmark -Dsurefire.failIfNoSpecifiedTests=false};
 * {@code -Dbench.batchSizes=100,500} chooses the batch sizes, {@code -Dbench.journals=100} a smaller data set,
 * {@code -Dbench.seededStore=/tmp/replay-store} keeps the seeded store in that directory and reuses it on the next
 * run (seeding takes minutes; the replays leave the events as they are).
 */
@Tag("benchmark")
class ReplaySpeedBenchmark {

    static final int JOURNALS = Integer.getInteger("bench.journals", 1_000);
    static final int NOTES_PER_JOURNAL = 99;
    static final int SEED_THREADS = 4;
    static final List<Integer> BATCH_SIZES = Arrays.stream(System.getProperty("bench.batchSizes", "100,25,1000")
            .split(",")).map(String::trim).map(Integer::valueOf).toList();
    static final List<String> ONE_AT_A_TIME = List.of("timeline", "journal-directory");
    /** Handles none of the seeded events: its replay is the cost of reading and skipping them, a ceiling. */
    static final String READ_ONLY = "escalation-queue";
    static final List<String> ALL_FOUR = List.of("timeline", "journal-directory", "escalation-queue", "access-log");
    /** {@code -Dbench.readOnlyAndAllFour=false} skips those two rows, for shorter runs comparing variants. */
    static final boolean READ_ONLY_AND_ALL_FOUR = Boolean.parseBoolean(
            System.getProperty("bench.readOnlyAndAllFour", "true"));
    static final Duration REPLAY_AT_MOST = Duration.ofMinutes(10);
    /**
     * Configurations compared side by side, each run at every batch size, interleaved: {@code label:setting,setting}
     * separated by {@code ;} (or by {@code |} where a setting holds a {@code ;}, as H2's URLs do), e.g.
     * {@code "batched:;unbatched:spring.jpa.properties.hibernate.jdbc.batch_size=0"}. By default only the application
     * as configured.
     */
    static final List<Variant> VARIANTS = variants(System.getProperty("bench.variants", "as configured:"));

    @TempDir
    Path tempDir;
    private Path dataDir;

    private final List<String> rows = new ArrayList<>();
    /** The read models as live processing built them: every replay must rebuild exactly these. */
    private Map<String, String> liveBuilt;

    @Test
    void fullReplayOfAHundredThousandEvents() throws Exception {
        dataDir = storeDir();
        System.out.printf(Locale.ROOT, "%n=== Projection replay speed: %d journals x (1 opening + %d notes), H2 at %s,"
                + " batch sizes %s ===%n", JOURNALS, NOTES_PER_JOURNAL, dataDir, BATCH_SIZES);
        long events;
        try (StandaloneApp app = StandaloneApp.start(dataDir)) {
            if (!seeded(app)) {
                seed(app);
            } else {
                // A reused store may hold a replay that a killed run left unfinished: the read models are the
                // reference only once every projection has caught up again.
                new ProjectionsAdmin(app.client().as("olle")).awaitAllCaughtUp(Duration.ofMinutes(15));
            }
            events = app.bean(JdbcTemplate.class).queryForObject("select count(*) from domain_event_entry",
                    Long.class);
            assertThat(events).as("events in the store").isEqualTo((long) JOURNALS * (NOTES_PER_JOURNAL + 1));
            liveBuilt = ReadModelDigest.of(app.bean(JdbcTemplate.class));
            System.out.printf(Locale.ROOT, "read models before the replays: %s%n", liveBuilt);
        }

        for (int i = 0; i < BATCH_SIZES.size(); i++) {
            for (Variant variant : VARIANTS) {
                measure(BATCH_SIZES.get(i), variant, events, i == 0 && variant == VARIANTS.get(0));
            }
        }

        System.out.printf(Locale.ROOT, "%n=== Projection replay speed: summary (%d events; target >= 20,000 events/s"
                + " per projection) ===%n", events);
        System.out.printf(Locale.ROOT, "%-10s %-16s %-44s %9s %11s %12s %14s%n", "batch", "variant", "replayed",
                "seconds", "events/s", "load avg", "CPU µs/event");
        rows.forEach(System.out::print);
    }

    private static List<Variant> variants(String spec) {
        String separator = spec.contains("|") ? "\\|" : ";";
        return Arrays.stream(spec.split(separator)).map(Variant::parse).toList();
    }

    private Path storeDir() {
        String kept = System.getProperty("bench.seededStore");
        return kept == null ? tempDir : Path.of(kept);
    }

    private static boolean seeded(StandaloneApp app) {
        long events = app.bean(JdbcTemplate.class).queryForObject("select count(*) from domain_event_entry",
                Long.class);
        if (events > 0) {
            System.out.printf(Locale.ROOT, "reusing the seeded store: %d events%n", events);
        }
        return events > 0;
    }

    private static void seed(StandaloneApp app) throws Exception {
        JournalSeeder seeder = new JournalSeeder(app.bean(CommandGateway.class), "north", "david", 8);
        JournalSeeder.Result seeded = seeder.seed(JOURNALS, NOTES_PER_JOURNAL, SEED_THREADS);
        System.out.printf(Locale.ROOT, "seeding: %d events in %.1f s = %.0f events/s (%s)%n", seeded.events(),
                seeded.seconds(), seeded.eventsPerSecond(), LoadAverage.describe());
        Duration catchUp = new ProjectionsAdmin(app.client().as("olle")).awaitAllCaughtUp(Duration.ofMinutes(15));
        System.out.printf(Locale.ROOT, "projections at lag 0 %.1f s after the last command%n",
                catchUp.toMillis() / 1e3);
    }

    private void measure(int batchSize, Variant variant, long events, boolean allFourToo) {
        List<String> settings = new ArrayList<>(variant.settings());
        ALL_FOUR.forEach(name -> settings.add("axon.eventhandling.processors." + name + ".batch-size=" + batchSize));
        // A pack at a quiet moment (ADR 0021) between two replays would hold the next one's requests for seconds.
        settings.add("peerjournal.store.h2.pack-when-quiet=false");
        System.out.printf(Locale.ROOT, "%n--- batch size %d, %s %s ---%n", batchSize, variant.label(),
                variant.settings());
        try (StandaloneApp app = StandaloneApp.start(dataDir, settings.toArray(String[]::new))) {
            ProjectionsAdmin admin = new ProjectionsAdmin(app.client().as("olle"));
            admin.awaitAllCaughtUp(Duration.ofMinutes(2));
            // Untimed, in every application started: a replay compiles its path (JIT) as it goes, and each start
            // brings new classes (Spring's proxies, Hibernate's accessors), so a variant measured without its own
            // warm-up ran up to twice as slow as one with it, in no fixed order (docs/benchmarks.md, session 19).
            admin.replayAndTime(List.of("timeline"), REPLAY_AT_MOST);
            for (String name : ONE_AT_A_TIME) {
                double load = LoadAverage.now();
                long cpuBefore = processCpuNanos();
                ThreadCpu threadsBefore = ThreadCpu.now();
                long nanos = admin.replayAndTime(List.of(name), REPLAY_AT_MOST).get(name);
                long cpu = processCpuNanos() - cpuBefore;
                System.out.printf(Locale.ROOT, "threads' CPU during the replay of %s, share of its wall time: %s%n",
                        name, ThreadCpu.now().since(threadsBefore, 8));
                row(batchSize, variant, name + " (alone)", nanos, events, Math.max(load, LoadAverage.now()), cpu);
            }
            if (allFourToo && READ_ONLY_AND_ALL_FOUR) {
                double loadReadOnly = LoadAverage.now();
                long readOnly = admin.replayAndTime(List.of(READ_ONLY), REPLAY_AT_MOST).get(READ_ONLY);
                row(batchSize, variant, READ_ONLY + " (alone; reads, handles none)", readOnly, events,
                        Math.max(loadReadOnly, LoadAverage.now()));
                double load = LoadAverage.now();
                Map<String, Long> finished = admin.replayAndTime(ALL_FOUR, REPLAY_AT_MOST);
                double loadAfter = Math.max(load, LoadAverage.now());
                long wall = finished.values().stream().mapToLong(Long::longValue).max().orElseThrow();
                for (String name : ALL_FOUR) {
                    row(batchSize, variant, name + " (all four at once)", finished.get(name), events, loadAfter);
                }
                row(batchSize, variant, "all four together (4 x events / wall time)", wall, 4 * events, loadAfter);
            }
            JdbcTemplate jdbc = app.bean(JdbcTemplate.class);
            long notes = (long) JOURNALS * NOTES_PER_JOURNAL;
            assertThat(jdbc.queryForObject("select count(*) from timeline_entry", Long.class))
                    .as("timeline entries after the replays").isEqualTo(notes);
            assertThat(jdbc.queryForObject("select count(*) from contact_entry", Long.class))
                    .as("contact entries after the replays").isEqualTo(notes);
            assertThat(jdbc.queryForObject("select count(*) from journal_directory", Long.class))
                    .as("journals after the replays").isEqualTo(JOURNALS);
            assertThat(ReadModelDigest.of(jdbc)).as("the replayed read models, table by table, against the live-built")
                    .isEqualTo(liveBuilt);
        }
    }

    private void row(int batchSize, Variant variant, String what, long nanos, long events, double load) {
        row(batchSize, variant, what, nanos, events, load, -1);
    }

    /**
     * @param cpuNanos the CPU time this JVM used meanwhile (every thread of the application, the benchmark's polls
     *                 included), or -1: unlike the wall time it hardly depends on what else the shared machine runs
     */
    private void row(int batchSize, Variant variant, String what, long nanos, long events, double load,
            long cpuNanos) {
        double seconds = nanos / 1e9;
        String cpu = cpuNanos < 0 ? "-" : String.format(Locale.ROOT, "%.0f", cpuNanos / 1e3 / events);
        String row = String.format(Locale.ROOT, "%-10d %-16s %-44s %9.1f %11.0f %12.2f %14s%n", batchSize,
                variant.label(), what, seconds, events / seconds, load, cpu);
        System.out.print(row);
        rows.add(row);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** A configuration under test: its label and the settings it adds to the application's. */
    record Variant(String label, List<String> settings) {

        static Variant parse(String spec) {
            int colon = spec.indexOf(':');
            String label = colon < 0 ? spec.trim() : spec.substring(0, colon).trim();
            String settings = colon < 0 ? "" : spec.substring(colon + 1).trim();
            return new Variant(label, settings.isEmpty() ? List.of()
                    : Arrays.stream(settings.split(",")).map(String::trim).toList());
        }
    }
}
