package org.peerjournal.app.benchmark;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.journal.ContactType;
import org.peerjournal.shared.journal.command.OpenJournalCommand;
import org.peerjournal.shared.journal.command.RecordContactNoteCommand;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Note append latency at journal length ~10 and ~5,000 (issue: "cost that does not grow with the journal").
 *
 * <p>Commands go through the production path below HTTP: command gateway, dispatch interceptors, the journal
 * aggregate, its snapshot trigger and cache, the event store on a file-based H2 store, and the projections
 * running in the background. HTTP is left out on purpose: HTTP Basic's BCrypt check (~95 ms) would hide the
 * aggregate's cost entirely.
 *
 * <p>Timed appends alternate between a short journal (11 to 20 notes: a pool of journals seeded with 10, each used
 * for 10 pairs) and the long one (seeded with 5,000, timed from 5,050 to 5,549 notes), 5 rounds of 100 pairs after
 * 50 pairs of warm-up, so drift (JIT, GC, other builds on the machine) hits both alike. Two variants, each in its
 * own application context and store: the production configuration (snapshots and cache) and snapshots alone
 * (cache disabled, as on several nodes).
 *
 * <p>Figures are printed, never asserted: a benchmark measures, a timed unit test would only be flaky. Only
 * correctness facts are asserted (the long journal really holds 5,000 notes, snapshots really exist).
 * Run with {@code mvn -B -pl app -am test -Pbenchmark -Dtest=AppendLatencyBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; see docs/benchmarks.md.
 */
@Tag("benchmark")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class AppendLatencyBenchmark {

    static final int SHORT_LENGTH = 10;
    static final int LONG_LENGTH = 5_000;
    static final int WARM_UP_PAIRS = 50;
    static final int ROUNDS = 5;
    static final int PAIRS_PER_ROUND = 100;
    /** Timed appends to one short journal before the next takes over: each stays between 11 and 20 notes. */
    static final int PAIRS_PER_SHORT_JOURNAL = 10;
    static final int SHORT_POOL = (WARM_UP_PAIRS + ROUNDS * PAIRS_PER_ROUND) / PAIRS_PER_SHORT_JOURNAL;

    /** Filled by the variants, printed side by side once both have run. */
    private static final List<VariantResult> RESULTS = new ArrayList<>();
    /** Each variant's store: deleted at the end, as the H2 file of one variant grows to several hundred MB. */
    private static final List<Path> STORES = new ArrayList<>();

    /** Runs after the variants' contexts have closed (they close when each nested class ends), so files are free. */
    @AfterAll
    static void printSummaryAndDeleteStores() throws IOException {
        printSummary();
        for (Path store : STORES) {
            FileSystemUtils.deleteRecursively(store);
        }
    }

    private static void printSummary() {
        StringBuilder out = new StringBuilder();
        out.append(System.lineSeparator()).append("=== Note append latency vs. journal length: summary ===")
                .append(System.lineSeparator());
        out.append(Samples.HEADER);
        for (VariantResult result : RESULTS) {
            out.append(result.shortJournals().row(result.variant()));
            out.append(result.longJournal().row(result.variant()));
            out.append(String.format(Locale.ROOT, "%-28s ratio long/short: mean %.2f, p50 %.2f, p95 %.2f"
                            + " (target for the mean: <= 1.5)%n", result.variant(),
                    result.longJournal().mean() / result.shortJournals().mean(),
                    result.longJournal().p50() / result.shortJournals().p50(),
                    result.longJournal().p95() / result.shortJournals().p95()));
        }
        System.out.print(out);
    }

    @Nested
    @Order(1)
    // MOCK, not NONE: the security configuration needs a servlet context. MOCK starts no server either.
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
    // Closes this context (its H2 file, its processors) before the next variant starts, so they never compete.
    @DirtiesContext
    class SnapshotsAndCache extends AppendLatencyScenario {

        @Test
        void appendLatencyAtLength10And5000() throws ClassNotFoundException {
            RESULTS.add(measure("snapshots + cache (prod)"));
        }
    }

    @Nested
    @Order(2)
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
            properties = "peerjournal.journal.cache-enabled=false")
    @DirtiesContext
    class SnapshotsOnly extends AppendLatencyScenario {

        @Test
        void appendLatencyAtLength10And5000() throws ClassNotFoundException {
            RESULTS.add(measure("snapshots only (no cache)"));
        }
    }

    /** The procedure both variants follow; only the application context (its configuration) differs. */
    abstract static class AppendLatencyScenario {

        private static final Actor TEAM_LEAD = new Actor("bench-lead", Role.TEAM_LEAD, "bench");
        private static final Actor PSW = new Actor("bench-psw", Role.PSW, "bench");
        /** A note of realistic size (~400 characters): the event payload is part of the cost. */
        private static final String NOTE_TEXT = ("Met at the day centre. Talked about the week ahead, the appointment"
                + " with the housing office on Thursday and how sleep has been since the change of medication."
                + " Agreed to call on Monday; the client will bring the letter from the landlord. ").repeat(2);

        @Autowired
        private CommandGateway commandGateway;
        @Autowired
        private EventStore eventStore;
        @Autowired
        private JdbcTemplate jdbc;
        /** The journal aggregate's cache (bean name from JournalAggregateConfiguration.CACHE). */
        @Autowired
        @Qualifier("journalCache")
        private Cache journalCache;
        @Autowired
        private org.axonframework.config.Configuration axonConfiguration;
        @Autowired
        private TransactionManager transactionManager;
        @Autowired
        private ParameterResolverFactory parameterResolverFactory;
        @Autowired
        private HandlerDefinition handlerDefinition;
        @Autowired
        private ApplicationContext applicationContext;
        @Value("${peerjournal.journal.cache-enabled}")
        private boolean cacheEnabled;
        @Value("${peerjournal.journal.snapshot-threshold}")
        private int snapshotThreshold;
        @Value("${peerjournal.data-dir}")
        private String dataDir;

        private int notesRecorded;

        /** A fresh store per context: each variant starts from an empty journal store, as a new installation. */
        @DynamicPropertySource
        static void freshStore(DynamicPropertyRegistry registry) {
            Path dir = createDataDir();
            registry.add("peerjournal.data-dir", dir::toString);
        }

        VariantResult measure(String variant) throws ClassNotFoundException {
            System.out.printf(Locale.ROOT, "%n=== %s: cache-enabled=%s, snapshot-threshold=%d, cores=%d, store=%s%n",
                    variant, cacheEnabled, snapshotThreshold, Runtime.getRuntime().availableProcessors(), dataDir);

            long seedStart = System.nanoTime();
            List<UUID> shortJournals = new ArrayList<>();
            for (int i = 0; i < SHORT_POOL; i++) {
                shortJournals.add(openJournal("short-" + i, SHORT_LENGTH));
            }
            UUID longJournal = openJournal("long", LONG_LENGTH);
            assertThat(lastSequenceNumber(longJournal)).as("notes in the long journal").isEqualTo(LONG_LENGTH);
            System.out.printf(Locale.ROOT, "seeded %d short journals of %d notes and one of %d notes in %.1f s%n",
                    SHORT_POOL, SHORT_LENGTH, LONG_LENGTH, (System.nanoTime() - seedStart) / 1e9);
            awaitProjectionsCaughtUp();

            int pair = 0;
            // Warm-up, discarded: the seeding has compiled the path already, this settles the rest.
            for (; pair < WARM_UP_PAIRS; pair++) {
                appendPair(pair, shortJournals, longJournal, new Samples("", 2), new Samples("", 2));
            }

            MachineLoad load = MachineLoad.now();
            int firstShort = SHORT_LENGTH + 1;
            long firstLong = LONG_LENGTH + WARM_UP_PAIRS;
            Samples shortSamples = new Samples(firstShort + "-" + (firstShort + PAIRS_PER_SHORT_JOURNAL - 1),
                    ROUNDS * PAIRS_PER_ROUND);
            Samples longSamples = new Samples(firstLong + "-" + (firstLong + ROUNDS * PAIRS_PER_ROUND - 1),
                    ROUNDS * PAIRS_PER_ROUND);
            for (int round = 1; round <= ROUNDS; round++) {
                Samples roundShort = new Samples("", PAIRS_PER_ROUND);
                Samples roundLong = new Samples("", PAIRS_PER_ROUND);
                for (int i = 0; i < PAIRS_PER_ROUND; i++, pair++) {
                    appendPair(pair, shortJournals, longJournal, roundShort, roundLong);
                }
                shortSamples.addAll(roundShort);
                longSamples.addAll(roundLong);
                System.out.printf(Locale.ROOT, "round %d: mean short %.3f ms, long %.3f ms, ratio %.2f%n",
                        round, roundShort.mean(), roundLong.mean(), roundLong.mean() / roundShort.mean());
            }

            System.out.println(load.since());

            long expectedLongLength = LONG_LENGTH + WARM_UP_PAIRS + (long) ROUNDS * PAIRS_PER_ROUND;
            assertThat(lastSequenceNumber(longJournal)).as("notes in the long journal").isEqualTo(expectedLongLength);
            reportSnapshots(longJournal, expectedLongLength);
            double longSnapshot = snapshotMillis(longJournal);
            double shortSnapshot = snapshotMillis(shortJournals.get(0));
            System.out.printf(Locale.ROOT, "one snapshot, taken in the caller's thread: %.1f ms at %d notes,"
                    + " %.1f ms at %d notes; taken in the committing thread (Axon's default) that would add %.2f ms"
                    + " to the average append at %d notes%n",
                    longSnapshot, expectedLongLength, shortSnapshot, lastSequenceNumber(shortJournals.get(0)),
                    longSnapshot / snapshotThreshold, expectedLongLength);

            VariantResult result = new VariantResult(variant, shortSamples, longSamples);
            System.out.print(Samples.HEADER);
            System.out.print(shortSamples.row(variant));
            System.out.print(longSamples.row(variant));
            System.out.printf(Locale.ROOT, "ratio long/short (mean): %.2f%n", longSamples.mean() / shortSamples.mean());
            return result;
        }

        private UUID openJournal(String patientRef, int notes) {
            UUID journalId = UUID.randomUUID();
            commandGateway.sendAndWait(new OpenJournalCommand(journalId, "bench", patientRef,
                    "Benchmark " + patientRef, TEAM_LEAD));
            for (int i = 0; i < notes; i++) {
                append(journalId);
            }
            return journalId;
        }

        private void append(UUID journalId) {
            commandGateway.sendAndWait(new RecordContactNoteCommand(journalId, UUID.randomUUID(),
                    ContactType.INDIVIDUAL_CONVERSATION, Instant.now().minus(Duration.ofHours(1)), 45, NOTE_TEXT, PSW));
            notesRecorded++;
        }

        /**
         * One append to the current short journal and one to the long journal, the order alternating so that
         * "right after the other one" favours neither. Each short journal serves {@link #PAIRS_PER_SHORT_JOURNAL}
         * pairs in a row after one untimed append, so that it was used a moment ago, like the long journal: the
         * comparison is then about length, not about how recently a journal was used (the cache holds aggregates
         * only weakly, so a journal left alone for a while is loaded from the store again).
         */
        private void appendPair(int pair, List<UUID> shortJournals, UUID longJournal, Samples shortSamples,
                Samples longSamples) {
            UUID shortJournal = shortJournals.get(pair / PAIRS_PER_SHORT_JOURNAL);
            if (pair % PAIRS_PER_SHORT_JOURNAL == 0) {
                append(shortJournal);
            }
            if (pair % 2 == 0) {
                timedAppend(shortJournal, shortSamples);
                timedAppend(longJournal, longSamples);
            } else {
                timedAppend(longJournal, longSamples);
                timedAppend(shortJournal, shortSamples);
            }
        }

        /** Whether the aggregate was still cached tells a cheap append from one that loaded a snapshot. */
        private void timedAppend(UUID journalId, Samples samples) {
            boolean cached = journalCache.containsKey(journalId.toString());
            long start = System.nanoTime();
            append(journalId);
            samples.add(System.nanoTime() - start, cached);
        }

        private long lastSequenceNumber(UUID journalId) {
            return eventStore.lastSequenceNumberFor(journalId.toString()).orElseThrow();
        }

        /**
         * The projections follow the seeding in the background; measuring before they catch up would charge
         * their backlog to whichever journal happened to be measured.
         */
        private void awaitProjectionsCaughtUp() {
            long start = System.nanoTime();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.queryForObject(
                    "select count(*) from timeline_entry", Long.class) == notesRecorded);
            System.out.printf(Locale.ROOT, "projections caught up (%d notes) %.1f s after seeding%n", notesRecorded,
                    (System.nanoTime() - start) / 1e9);
        }

        /** Snapshots bound what a cold load reads; the latest one must lie within one threshold of the head. */
        private void reportSnapshots(UUID journalId, long lastSequence) {
            // A snapshotter running outside the command's thread may still be writing the latest one.
            Map<String, Object> latest = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForMap(
                    "select count(*) as snapshots, max(sequence_number) as seq,"
                            + " max(octet_length(payload)) as bytes from snapshot_event_entry"
                            + " where aggregate_identifier = ?", journalId.toString()),
                    row -> row.get("seq") != null
                            && ((Number) row.get("seq")).longValue() > lastSequence - snapshotThreshold);
            System.out.printf(Locale.ROOT, "long journal: last sequence %d, snapshots kept %s, latest at %s,"
                    + " latest payload %s bytes; H2 file now %d MB%n", lastSequence, latest.get("snapshots"),
                    latest.get("seq"), latest.get("bytes"), storeFileBytes() / 1_000_000);
        }

        /**
         * What taking one snapshot of a journal costs when done in the calling thread, as Axon's default
         * snapshotter does in the thread that committed the triggering command: the part of the work on an append
         * that grows with the journal. Writes real snapshots (of the current state), which is harmless.
         */
        private double snapshotMillis(UUID journalId) throws ClassNotFoundException {
            SpringAggregateSnapshotter inCallersThread = SpringAggregateSnapshotter.builder()
                    .repositoryProvider(axonConfiguration::repository)
                    .transactionManager(transactionManager)
                    .eventStore(eventStore)
                    .parameterResolverFactory(parameterResolverFactory)
                    .handlerDefinition(handlerDefinition)
                    .build();
            inCallersThread.setApplicationContext(applicationContext);
            // The aggregate is package-private in the command module, as it should be.
            Class<?> journalType = Class.forName("org.peerjournal.command.journal.Journal");
            int warmUp = 3;
            int timed = 10;
            long total = 0;
            for (int i = 0; i < warmUp + timed; i++) {
                long start = System.nanoTime();
                inCallersThread.scheduleSnapshot(journalType, journalId.toString());
                total += i < warmUp ? 0 : System.nanoTime() - start;
            }
            return total / 1e6 / timed;
        }

        private long storeFileBytes() {
            try (Stream<Path> files = Files.list(Path.of(dataDir))) {
                return files.mapToLong(file -> file.toFile().length()).sum();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Path createDataDir() {
            try {
                Path dir = Files.createTempDirectory("peerjournal-bench-");
                STORES.add(dir);
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * What else the machine did while we measured: other builds share its two cores, and a collection that clears
     * the weakly referenced aggregate cache turns cheap appends into loads.
     */
    record MachineLoad(long startNanos, double loadBefore, long gcCountBefore, long gcMillisBefore) {

        static MachineLoad now() {
            return new MachineLoad(System.nanoTime(), systemLoad(), gcCount(), gcMillis());
        }

        String since() {
            return String.format(Locale.ROOT, "measured in %.1f s; load average %.2f -> %.2f (cores %d);"
                            + " %d garbage collections, %d ms", (System.nanoTime() - startNanos) / 1e9, loadBefore,
                    systemLoad(), Runtime.getRuntime().availableProcessors(), gcCount() - gcCountBefore,
                    gcMillis() - gcMillisBefore);
        }

        private static double systemLoad() {
            return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }

        private static long gcCount() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
        }

        private static long gcMillis() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
        }
    }

    record VariantResult(String variant, Samples shortJournals, Samples longJournal) {
    }

    /** Latencies in nanoseconds, reported in milliseconds. */
    static final class Samples {

        static final String HEADER = String.format(Locale.ROOT, "%-28s %10s %8s %9s %9s %9s %9s %11s%n",
                "variant", "length", "appends", "mean ms", "p50 ms", "p95 ms", "max ms", "cache hits");

        private final String label;
        private long[] nanos;
        private int size;
        private int cacheHits;

        Samples(String label, int capacity) {
            this.label = label;
            this.nanos = new long[capacity];
        }

        void add(long value, boolean cacheHit) {
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
            }
            nanos[size++] = value;
            cacheHits += cacheHit ? 1 : 0;
        }

        void addAll(Samples other) {
            for (int i = 0; i < other.size; i++) {
                add(other.nanos[i], false);
            }
            cacheHits += other.cacheHits;
        }

        double mean() {
            return Arrays.stream(nanos, 0, size).average().orElse(Double.NaN) / 1e6;
        }

        double p50() {
            return percentile(50);
        }

        double p95() {
            return percentile(95);
        }

        double max() {
            return percentile(100);
        }

        /** Nearest-rank percentile. */
        private double percentile(int p) {
            long[] sorted = Arrays.copyOf(nanos, size);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(p / 100.0 * size);
            return sorted[Math.max(rank, 1) - 1] / 1e6;
        }

        String row(String variant) {
            return String.format(Locale.ROOT, "%-28s %10s %8d %9.3f %9.3f %9.3f %9.3f %5d/%-5d%n", variant, label,
                    size, mean(), p50(), p95(), max(), cacheHits, size);
        }
    }
}
