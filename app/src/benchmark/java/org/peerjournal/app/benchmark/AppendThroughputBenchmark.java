package org.peerjournal.app.benchmark;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.Segment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.EmbeddedPostgresStore;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.SharedSigningKey;
import org.peerjournal.app.support.StandaloneApp;
import org.peerjournal.app.support.TestTokens;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.Role;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.peerjournal.app.support.TokenTable.owners;

/**
 * Note append throughput with 8 concurrent clients, on H2 and on PostgreSQL, and the projection lag between two
 * nodes on one PostgreSQL (issue: "Benchmark the note append throughput with 8 concurrent clients on PostgreSQL as
 * on H2, and the cross-node projection lag").
 *
 * <p>Throughput: 50 journals are opened through the command gateway; then 8 client threads each append notes to a
 * journal drawn at random from the 50, so that clients now and then contend for one journal, for 5 s of warm-up and
 * 20 s measured. First over HTTP (POST /api/journals/{id}/notes), as a client sees it, authentication included: on
 * H2 the demo users' Basic check (cached after the first), on PostgreSQL the production bearer JWT (a signature
 * check per request). Then the same through the command gateway, to show what HTTP adds. The clients run in the
 * application's JVM and share its two cores.
 *
 * <p>Cross-node lag: two nodes on one PostgreSQL share every projection's two segments. A note is posted on node A
 * after a random pause; from A's answer the test polls node B every 10 ms until the note is visible, 50 notes over
 * 5 journals. Once through B's timeline endpoint, as the issue asks (each read there stores an access-log event on
 * B, which also wakes B's event store: the poll shortens what it measures), once through B's own connection to the
 * timeline table (no side effect). The samples are split by the node that projects the journal's timeline segment.
 *
 * <p>Figures are printed, never asserted; only that every note was stored and shown. Run: {@code mvn -B -o -pl app
 * -am test -Pbenchmark -Dtest=AppendThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AppendThroughputBenchmark {

    static final int CLIENTS = 8;
    static final int JOURNALS = 50;
    static final Duration WARM_UP = Duration.ofSeconds(5);
    static final Duration MEASURED = Duration.ofSeconds(20);
    static final int LAG_NOTES = 50;
    static final int LAG_JOURNALS = 5;
    static final Duration LAG_POLL = Duration.ofMillis(10);
    static final List<String> PROCESSORS = List.of("timeline", "journal-directory", "escalation-queue",
            "access-log", "escalation-notifications");

    private static final String CREATED = "201";
    private static final List<String> SUMMARY = new ArrayList<>();

    @TempDir
    Path workDir;

    @AfterAll
    static void printSummary() {
        System.out.printf(Locale.ROOT, "%n=== Append throughput and cross-node lag: summary ===%n");
        SUMMARY.forEach(System.out::print);
    }

    @Test
    @Order(1)
    void eightClientsOnH2() throws Exception {
        try (StandaloneApp app = StandaloneApp.start(workDir.resolve("h2"))) {
            List<UUID> journals = openJournals(app, "north", "david");
            // The demo PSW of team north, HTTP Basic: the BCrypt check is cached after the first request.
            ApiClient anna = app.client().as("anna");
            Actor annaActor = new Actor("anna", Role.PSW, "north");
            measureThroughput("H2 (demo profile, Basic auth)", app, journals, client -> anna, client -> annaActor);
        }
    }

    @Test
    @Order(2)
    void eightClientsOnPostgres() throws Exception {
        TestTokens tokens = TestTokens.create(workDir);
        String[] settings = Stream.of(EmbeddedPostgresStore.freshDatabase(), tokens.settings())
                .flatMap(Stream::of).toArray(String[]::new);
        try (StandaloneApp app = StandaloneApp.start(workDir.resolve("pg"), settings)) {
            List<UUID> journals = openJournals(app, "east", "lena");
            List<ApiClient> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(app.client().withBearer(tokens.token("psw-" + i, "PSW", "east")));
            }
            measureThroughput("PostgreSQL (postgres profile, JWT)", app, journals, clients::get,
                    client -> new Actor("psw-" + client, Role.PSW, "east"));
        }
    }

    @Test
    @Order(3)
    void crossNodeProjectionLag() {
        TestTokens tokens = TestTokens.create(workDir);
        String[] database = EmbeddedPostgresStore.freshDatabase();
        try (StandaloneApp nodeA = startNode("node-a", database, tokens);
                StandaloneApp nodeB = startNode("node-b", database, tokens)) {
            JdbcTemplate jdbcB = nodeB.bean(JdbcTemplate.class);
            await("segments split between the nodes").atMost(Duration.ofSeconds(120))
                    .until(() -> PROCESSORS.stream().allMatch(name -> owners(jdbcB, name).size() == 2));
            JournalSeeder seeder = new JournalSeeder(nodeA.bean(CommandGateway.class), "east", "lena", 1);
            List<UUID> journals = new ArrayList<>();
            // At least LAG_JOURNALS, and until they fall in both timeline segments (one on each node).
            for (int i = 0; journals.size() < LAG_JOURNALS || inOneSegment(journals); i++) {
                assertThat(i).as("journals opened").isLessThan(40);
                journals.add(seeder.open("LAG-" + i));
            }
            ApiClient writerOnA = nodeA.client().withBearer(tokens.token("pia", "PSW", "east"));
            ApiClient readerOnB = nodeB.client().withBearer(tokens.token("carl", "CLINICIAN", "east"));
            // Warm-up of both paths, not timed.
            for (int i = 0; i < 5; i++) {
                UUID journal = journals.get(i % journals.size());
                String noteId = post(writerOnA, journal);
                await().atMost(Duration.ofSeconds(30)).pollInterval(LAG_POLL)
                        .until(() -> visibleInTimeline(readerOnB, journal, noteId));
            }
            Map<String, String> timelineOwners = timelineSegmentOwners(jdbcB);
            System.out.printf(Locale.ROOT, "%n=== Cross-node projection lag: %d notes posted on node A, polled on node"
                    + " B every %d ms; timeline segment owners %s ===%n", LAG_NOTES, LAG_POLL.toMillis(),
                    timelineOwners);

            Map<String, Latencies> viaEndpoint = lag(writerOnA, journals, timelineOwners,
                    (journal, noteId) -> visibleInTimeline(readerOnB, journal, noteId));
            double loadEndpoint = LoadAverage.now();
            Map<String, Latencies> viaTable = lag(writerOnA, journals, timelineOwners,
                    (journal, noteId) -> jdbcB.queryForObject("select count(*) from timeline_entry where entry_id = ?",
                            Integer.class, UUID.fromString(noteId)) == 1);
            double loadTable = LoadAverage.now();
            // The writer's own next read on A (docs/consistency.md): it waits in the read until the note is projected,
            // whichever node projects it; a read without the note would count as a miss and be read again.
            AtomicInteger misses = new AtomicInteger();
            Map<String, Latencies> ownRead = lag(writerOnA, journals, timelineOwners, (journal, noteId) -> {
                boolean shown = visibleInTimeline(writerOnA, journal, noteId);
                if (!shown) {
                    misses.incrementAndGet();
                }
                return shown;
            });
            double loadOwnRead = LoadAverage.now();

            List<String> rows = new ArrayList<>();
            rows.add(String.format(Locale.ROOT, "%nCross-node lag (A's 201 answer -> note visible on B), %d notes,"
                    + " %d journals, 2 segments per processor%n", LAG_NOTES, journals.size()));
            rows.add(Latencies.HEADER);
            viaEndpoint.forEach((what, samples) -> rows.add(samples.row("B timeline endpoint: " + what)));
            rows.add(String.format(Locale.ROOT, "  (load average %.2f)%n", loadEndpoint));
            viaTable.forEach((what, samples) -> rows.add(samples.row("B timeline table: " + what)));
            rows.add(String.format(Locale.ROOT, "  (load average %.2f)%n", loadTable));
            ownRead.forEach((what, samples) -> rows.add(samples.row("A's own next read: " + what)));
            rows.add(String.format(Locale.ROOT, "  (first reads without the note: %d; load average %.2f; timeline"
                    + " segment owners after: %s)%n", misses.get(), loadOwnRead, timelineSegmentOwners(jdbcB)));
            rows.forEach(System.out::print);
            SUMMARY.addAll(rows);
        }
    }

    private List<UUID> openJournals(StandaloneApp app, String team, String teamLead) {
        JournalSeeder seeder = new JournalSeeder(app.bean(CommandGateway.class), team, teamLead, 1);
        List<UUID> journals = new ArrayList<>();
        for (int i = 0; i < JOURNALS; i++) {
            journals.add(seeder.open("TP-" + i));
        }
        return journals;
    }

    private void measureThroughput(String store, StandaloneApp app, List<UUID> journals,
            IntFunction<ApiClient> httpClientOf, IntFunction<Actor> workerOf) throws Exception {
        System.out.printf(Locale.ROOT, "%n=== Append throughput, %s: %d clients, %d journals, %d s warm-up + %d s"
                + " measured, over HTTP and through the command gateway ===%n", store, CLIENTS, JOURNALS,
                WARM_UP.toSeconds(), MEASURED.toSeconds());
        CommandGateway gateway = app.bean(CommandGateway.class);
        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "%nAppend throughput, %s, %d clients, %d journals, %d s measured%n",
                store, CLIENTS, JOURNALS, MEASURED.toSeconds()));
        rows.add(String.format(Locale.ROOT, "%-34s %8s %9s %9s %9s %9s %9s  %s%n", "path", "notes", "notes/s",
                "mean ms", "p50 ms", "p95 ms", "max ms", "outcomes, load average before -> after"));
        long stored = 0;
        for (boolean http : List.of(true, false)) {
            IntFunction<Appender> appenderOf = http ? i -> overHttp(httpClientOf.apply(i))
                    : i -> throughGateway(gateway, workerOf.apply(i));
            Run warmUp = run(journals, appenderOf, WARM_UP);
            double loadBefore = LoadAverage.now();
            Run measured = run(journals, appenderOf, MEASURED);
            stored += warmUp.created() + measured.created();
            Latencies latencies = measured.latencies();
            rows.add(String.format(Locale.ROOT, "%-34s %8d %9.1f %9.1f %9.1f %9.1f %9.1f  %s, %.2f -> %.2f%n",
                    http ? "HTTP POST (" + (store.contains("JWT") ? "bearer JWT" : "Basic, cached") + ")"
                            : "command gateway (no HTTP)", measured.created(), measured.created() / measured.seconds(),
                    latencies.mean(), latencies.p50(), latencies.p95(), latencies.max(), measured.outcomes(),
                    loadBefore, LoadAverage.now()));
        }
        long recorded = app.bean(JdbcTemplate.class).queryForObject("select count(*) from domain_event_entry"
                + " where payload_type like '%ContactNoteRecordedEvent'", Long.class);
        assertThat(recorded).as("notes stored").isEqualTo(stored);
        rows.forEach(System.out::print);
        SUMMARY.addAll(rows);
    }

    /** Every client appends notes to random journals of the set until the time is up; answers what they saw. */
    private static Run run(List<UUID> journals, IntFunction<Appender> appenderOf, Duration duration)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<ClientRun>> futures = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                Appender appender = appenderOf.apply(i);
                Random random = new Random(i);
                futures.add(pool.submit(() -> {
                    go.await();
                    long end = System.nanoTime() + duration.toNanos();
                    ClientRun mine = new ClientRun(new Latencies(), new TreeMap<>());
                    while (System.nanoTime() < end) {
                        UUID journal = journals.get(random.nextInt(journals.size()));
                        long start = System.nanoTime();
                        String outcome = appender.append(journal);
                        long nanos = System.nanoTime() - start;
                        mine.outcomes().merge(outcome, 1, Integer::sum);
                        if (CREATED.equals(outcome)) {
                            mine.latencies().add(nanos);
                        }
                    }
                    return mine;
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            Latencies latencies = new Latencies();
            Map<String, Integer> outcomes = new TreeMap<>();
            for (Future<ClientRun> future : futures) {
                ClientRun result = future.get();
                latencies.addAll(result.latencies());
                result.outcomes().forEach((outcome, count) -> outcomes.merge(outcome, count, Integer::sum));
            }
            return new Run(latencies, outcomes, System.nanoTime() - start);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Over HTTP: the answer's status, "201" for a recorded note. */
    private static Appender overHttp(ApiClient client) {
        return journal -> String.valueOf(client.post("/api/journals/" + journal + "/notes",
                JournalApi.note("Throughput note")).status());
    }

    /** Through the command gateway, below HTTP: "201" for a recorded note, else the exception's name. */
    private static Appender throughGateway(CommandGateway gateway, Actor worker) {
        return journal -> {
            try {
                JournalSeeder.recordNote(gateway, journal, worker);
                return CREATED;
            } catch (RuntimeException e) {
                return e.getClass().getSimpleName();
            }
        };
    }

    /**
     * Posts the notes on A one after another and waits, for each, until B shows it; the samples are split by which
     * node projects the note's segment of the timeline (the appending node learns of its own events at once, the
     * other one from polling the event store).
     */
    private static Map<String, Latencies> lag(ApiClient writerOnA, List<UUID> journals, Map<String, String> owners,
            Visibility visibleOnB) {
        Map<String, Latencies> samples = new TreeMap<>();
        samples.put("all", new Latencies());
        Random pauses = new Random(42);
        for (int i = 0; i < LAG_NOTES; i++) {
            // A random pause first: processors look for new events on a fixed beat (500 ms, 1 s), and notes posted
            // right after the previous one was seen would all fall on the same point of that beat.
            await().pollDelay(Duration.ofMillis(pauses.nextInt(1_000))).atMost(Duration.ofSeconds(5))
                    .until(() -> true);
            UUID journal = journals.get(i % journals.size());
            String noteId = post(writerOnA, journal);
            long answered = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(LAG_POLL)
                    .until(() -> visibleOnB.test(journal, noteId));
            long nanos = System.nanoTime() - answered;
            samples.get("all").add(nanos);
            String owner = owners.get(timelineSegmentOf(journal));
            samples.computeIfAbsent("segment on " + owner, key -> new Latencies()).add(nanos);
        }
        return samples;
    }

    private static String post(ApiClient writer, UUID journal) {
        ApiResponse response = writer.post("/api/journals/" + journal + "/notes", JournalApi.note("Lag note"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.body().get("noteId").asText();
    }

    private static boolean visibleInTimeline(ApiClient reader, UUID journal, String noteId) {
        ApiResponse response = reader.get("/api/journals/" + journal + "/timeline?size=5");
        return response.status() == 200 && response.rawBody().contains(noteId);
    }

    private static boolean inOneSegment(List<UUID> journals) {
        return journals.stream().map(AppendThroughputBenchmark::timelineSegmentOf).distinct().count() < 2;
    }

    /** Which of the two timeline segments handles a journal's events (sequenced per aggregate, by its id). */
    private static String timelineSegmentOf(UUID journal) {
        Segment[] halves = Segment.ROOT_SEGMENT.split();
        return String.valueOf(halves[0].matches(journal.toString()) ? halves[0].getSegmentId()
                : halves[1].getSegmentId());
    }

    private static Map<String, String> timelineSegmentOwners(JdbcTemplate jdbc) {
        Map<String, String> owners = new TreeMap<>();
        jdbc.query("select segment, owner from token_entry where processor_name = 'timeline'",
                rs -> {
                    owners.put(String.valueOf(rs.getInt(1)), rs.getString(2));
                });
        return owners;
    }

    private StandaloneApp startNode(String nodeId, String[] database, TestTokens tokens) {
        List<String> settings = new ArrayList<>(List.of(database));
        settings.addAll(List.of(tokens.settings()));
        settings.add("peerjournal.cluster.node-id=" + nodeId);
        settings.add(SharedSigningKey.settingIn(workDir));
        settings.add("peerjournal.cluster.balance-interval=PT1S");
        PROCESSORS.forEach(name -> settings.add("axon.eventhandling.processors." + name
                + ".token-claim-interval=1000"));
        return StandaloneApp.start(workDir.resolve(nodeId), settings.toArray(String[]::new));
    }

    @FunctionalInterface
    private interface Visibility {
        boolean test(UUID journal, String noteId);
    }

    @FunctionalInterface
    private interface Appender {
        /** Appends one note to the journal; answers "201" or what went wrong. */
        String append(UUID journal);
    }

    private record ClientRun(Latencies latencies, Map<String, Integer> outcomes) {
    }

    private record Run(Latencies latencies, Map<String, Integer> outcomes, long nanos) {

        long created() {
            return outcomes.getOrDefault(CREATED, 0);
        }

        double seconds() {
            return nanos / 1e9;
        }
    }
}
