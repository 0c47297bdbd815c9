package org.peerjournal.app.benchmark;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.StandaloneApp;
import org.peerjournal.query.audit.AccessLog;
import org.peerjournal.query.audit.SwitchableAccessLog;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.audit.JournalsShownEvent;
import org.peerjournal.shared.journal.ContactType;
import org.peerjournal.shared.journal.JournalLimits;
import org.peerjournal.shared.journal.event.ContactNoteRecordedEvent;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;
import org.peerjournal.shared.journal.query.FindJournalTimelineQuery;
import org.peerjournal.shared.journal.query.FindJournalsQuery;
import org.peerjournal.shared.journal.query.JournalSummary;
import org.peerjournal.shared.journal.query.JournalSummaryPage;
import org.peerjournal.shared.journal.query.JournalTimeline;
import org.peerjournal.shared.paging.PageRequest;
import org.peerjournal.shared.team.FindTeamOverviewQuery;
import org.peerjournal.shared.team.TeamOverview;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What access logging costs the reads that show patients (issue #12, point 4): a team of 1,000 journals with 99 notes
 * each (100,000 stored events) on H2, appended as the journal aggregate records them. Each read is timed with its
 * access log (one event per answer, as the controllers do) and without (the same query alone), interleaved in
 * process, and over HTTP as served and with the log switched off ({@link SwitchableAccessLog}, a bean of the
 * benchmark's own): what logging adds to the answer a user waits for (the journal list's first page of 50, a list
 * of 200 journals, the overview, a timeline; each kind in a phase of its own, begun once every projection has caught
 * up with the phase before);
 * then a PSW's note writes are timed alone and while four clients keep reading
 * timelines (each read a logged event).
 *
 * <p>Figures are printed, never asserted. Run: {@code mvn -B -o -pl app -am test -Pbenchmark
 * -Dtest=AccessLoggingBenchmark -Dsurefire.failIfNoSpecifiedTests=false}; {@code -Dbench.journals=100} for a quick
 * smaller run, {@code -Dbench.notes=0} to time the list and overview of 1,000 journals without the notes,
 * {@code -Dbench.requests=N} for N timed requests per read (default 500); {@code -Dbench.mixed=true} interleaves
 * the three kinds of read as the first rounds did; {@code -Dbench.pace-ms=N} starts a read every N ms rather than
 * back to back; {@code -Dbench.settings=a=1,b=2} runs
 * the application with other settings (for instance other compaction rounds).
 */
@Tag("benchmark")
class AccessLoggingBenchmark {

    static final int JOURNALS = Integer.getInteger("bench.journals", 1_000);
    static final int NOTES_PER_JOURNAL = Integer.getInteger("bench.notes", 99);
    static final int WARM_UP = 10;
    /**
     * 500 timed requests: a p95 is then the 25th-worst. With 200 (the 10th-worst) the served ratios of the same
     * build ranged 1.04-1.72 between runs, a single slow pause or young collection moving one variant's p95.
     */
    static final int REQUESTS = Integer.getInteger("bench.requests", 500);
    static final int READERS = 4;
    /**
     * Each kind of read is timed in a phase of its own (its three variants interleaved), so that a read's tail is
     * what its own logging costs, not the logging of 753 journals by the overview timed just before it; with
     * {@code -Dbench.mixed=true} all nine variants are interleaved in one phase, as the first three rounds measured.
     */
    static final boolean MIXED = Boolean.getBoolean("bench.mixed");
    /**
     * With {@code -Dbench.pace-ms=N}, each read starts N ms after the one before it started: the reads of a team
     * rather than back to back, so that what logging costs a single read is timed apart from what the back-to-back
     * answers' access-log rows (25,000 a second for the overview) cost the 2 cores. 0 (default): back to back.
     */
    static final long PACE_NANOS = Duration.ofMillis(Long.getLong("bench.pace-ms", 0)).toNanos();
    static final int WRITES = 100;

    @TempDir
    Path dataDir;

    @Test
    void readsWithAndWithoutTheirAccessLogAtAHundredThousandEvents() throws Exception {
        try (StandaloneApp app = StandaloneApp.start(dataDir, List.of(SwitchableAccessLog.class),
                ApplicationSettings.fromCommandLine().toArray(String[]::new))) {
            long start = System.nanoTime();
            List<UUID> journalIds = appendJournals(app.bean(EventStore.class));
            System.out.printf(Locale.ROOT,
                    "%n=== Access logging: %d journals x %d notes appended in %.0f s; settings %s; %s ===%n",
                    JOURNALS, NOTES_PER_JOURNAL, (System.nanoTime() - start) / 1e9,
                    ApplicationSettings.fromCommandLine(), LoadAverage.describe());
            Duration catchUp = new ProjectionsAdmin(app.client().as("olle")).awaitAllCaughtUp(Duration.ofMinutes(30));
            System.out.printf(Locale.ROOT, "projections at lag 0 %.0f s later%n", catchUp.toMillis() / 1e3);
            JdbcTemplate jdbc = app.bean(JdbcTemplate.class);
            long stored = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
            assertThat(stored).as("stored events").isEqualTo((long) JOURNALS * (NOTES_PER_JOURNAL + 1));

            String readEvents = "select count(*) from domain_event_entry where payload_type = '"
                    + JournalsShownEvent.class.getName() + "'";
            long readEventsBefore = jdbc.queryForObject(readEvents, Long.class);
            compareReads(app, journalIds);
            // Each round of a kind logs twice (query + access log, HTTP as served) and never more: the reads timed
            // "without" really stored nothing, those timed "with" really stored their event.
            assertThat(jdbc.queryForObject(readEvents, Long.class) - readEventsBefore).as("read events stored")
                    .isEqualTo(4L * 2 * (WARM_UP + REQUESTS));
            readsAndWritesTogether(app, journalIds);
            System.out.printf(Locale.ROOT, "stored events at the end: %d%n",
                    jdbc.queryForObject("select count(*) from domain_event_entry", Long.class));
        }
    }

    /**
     * The events the journal aggregate records for an opening and its notes, appended straight to the store in
     * batches of a thousand (through the commands, seeding 100,000 events takes far longer on a loaded machine).
     */
    private static List<UUID> appendJournals(EventStore store) {
        Actor lead = new Actor("david", Role.TEAM_LEAD, "north");
        Actor psw = new Actor("psw-01", Role.PSW, "north");
        Instant now = Instant.now();
        Random random = new Random(1);
        List<UUID> journalIds = new ArrayList<>();
        List<EventMessage<?>> batch = new ArrayList<>();
        for (int j = 0; j < JOURNALS; j++) {
            UUID journalId = UUID.randomUUID();
            journalIds.add(journalId);
            batch.add(new GenericDomainEventMessage<>("Journal", journalId.toString(), 0, new JournalOpenedEvent(
                    journalId, "north", "BENCH-" + j, "Patient " + j), ActorMetaData.of(lead)));
            for (int n = 1; n <= NOTES_PER_JOURNAL; n++) {
                Instant occurredAt = now.minus(Duration.ofMinutes(1 + random.nextInt(364 * 24 * 60)));
                batch.add(new GenericDomainEventMessage<>("Journal", journalId.toString(), n,
                        new ContactNoteRecordedEvent(journalId, UUID.randomUUID(), psw.userId(),
                                ContactType.INDIVIDUAL_CONVERSATION, occurredAt, 45, JournalSeeder.NOTE_TEXT, true),
                        ActorMetaData.of(psw)));
            }
            if (batch.size() >= 1_000) {
                store.publish(batch);
                batch.clear();
            }
        }
        store.publish(batch);
        return journalIds;
    }

    private void compareReads(StandaloneApp app, List<UUID> journalIds) {
        QueryGateway queries = app.bean(QueryGateway.class);
        AccessLog accessLog = app.bean(AccessLog.class);
        Actor clara = new Actor("clara", Role.CLINICIAN, "north");
        ApiClient claraOverHttp = app.client().as("clara");
        Random random = new Random(12);
        Supplier<UUID> someJournal = () -> journalIds.get(random.nextInt(journalIds.size()));
        IntFunction<List<JournalSummary>> listOf = size -> queries.query(new FindJournalsQuery(
                "north", new PageRequest(0, size)), ResponseTypes.instanceOf(JournalSummaryPage.class)).join().items();
        Supplier<List<JournalSummary>> list = () -> listOf.apply(PageRequest.DEFAULT_SIZE);
        // The example: a list of 200 journals, the largest page.
        Supplier<List<JournalSummary>> list200 = () -> listOf.apply(JournalLimits.MAX_PAGE_SIZE);
        // withoutContactDays=1 names most journals (their last contact lies days back): the most an overview logs.
        Supplier<TeamOverview> overview = () -> queries.query(new FindTeamOverviewQuery("north", 1,
                Instant.now().truncatedTo(ChronoUnit.MILLIS)), ResponseTypes.instanceOf(TeamOverview.class)).join();
        Function<UUID, JournalTimeline> timeline = id -> queries.query(
                new FindJournalTimelineQuery(id, "north", null, null, Set.of(), false, 0, 50),
                ResponseTypes.optionalInstanceOf(JournalTimeline.class)).join().orElseThrow();

        Supplier<Integer> listOverHttp = () -> checked(claraOverHttp.get("/api/journals")).body().size();
        Supplier<Integer> list200OverHttp = () -> checked(claraOverHttp.get("/api/journals?size="
                + JournalLimits.MAX_PAGE_SIZE)).body().size();
        Supplier<Integer> overviewOverHttp = () -> checked(claraOverHttp
                .get("/api/teams/north/overview?withoutContactDays=1")).body().get("journalsWithoutContact").size();
        Supplier<Integer> timelineOverHttp = () -> checked(claraOverHttp.get("/api/journals/" + someJournal.get()
                + "/timeline")).body().get("entries").size();
        SwitchableAccessLog switchable = app.bean(SwitchableAccessLog.class);

        Map<String, Supplier<Integer>> reads = new LinkedHashMap<>();
        reads.put("list, query only", () -> list.get().size());
        reads.put("list, query + access log", () -> accessLog.journalList(clara, list.get()).size());
        reads.put("list, HTTP as served", listOverHttp);
        reads.put("list, HTTP without log", () -> switchable.withoutLog(listOverHttp));
        reads.put("list of 200, query only", () -> list200.get().size());
        reads.put("list of 200, query + access log", () -> accessLog.journalList(clara, list200.get()).size());
        reads.put("list of 200, HTTP as served", list200OverHttp);
        reads.put("list of 200, HTTP without log", () -> switchable.withoutLog(list200OverHttp));
        reads.put("overview(1 day), query only", () -> overview.get().journalsWithoutContact().size());
        reads.put("overview(1 day), query + access log",
                () -> accessLog.teamOverview(clara, overview.get()).journalsWithoutContact().size());
        reads.put("overview(1 day), HTTP as served", overviewOverHttp);
        reads.put("overview(1 day), HTTP without log", () -> switchable.withoutLog(overviewOverHttp));
        reads.put("timeline, query only", () -> timeline.apply(someJournal.get()).entries().size());
        reads.put("timeline, query + access log",
                () -> accessLog.timeline(clara, timeline.apply(someJournal.get())).entries().size());
        reads.put("timeline, HTTP as served", timelineOverHttp);
        reads.put("timeline, HTTP without log", () -> switchable.withoutLog(timelineOverHttp));

        Map<String, Latencies> latencies = new LinkedHashMap<>();
        Map<String, Integer> shown = new LinkedHashMap<>();
        reads.keySet().forEach(name -> latencies.put(name, new Latencies()));
        List<String> kinds = List.of("list", "list of 200", "overview(1 day)", "timeline");
        ProjectionsAdmin projections = new ProjectionsAdmin(app.client().as("olle"));
        for (List<String> phase : MIXED ? List.of(kinds) : kinds.stream().map(List::of).toList()) {
            // The access log's rows of the phase before are written by then: a phase times its own logging only.
            Duration behind = projections.awaitAllCaughtUp(Duration.ofMinutes(5));
            System.out.printf(Locale.ROOT, "before %s: projections at lag 0 after %d ms%n", phase, behind.toMillis());
            Map<String, Supplier<Integer>> phaseReads = new LinkedHashMap<>();
            reads.forEach((name, read) -> {
                if (phase.stream().anyMatch(kind -> name.startsWith(kind + ","))) {
                    phaseReads.put(name, read);
                }
            });
            List<Map.Entry<String, Supplier<Integer>>> variants = new ArrayList<>(phaseReads.entrySet());
            for (int i = 0; i < WARM_UP + REQUESTS; i++) {
                // Each round starts with the next variant, so none always follows a logged read (or an unlogged one).
                Collections.rotate(variants, 1);
                for (Map.Entry<String, Supplier<Integer>> read : variants) {
                    long start = System.nanoTime();
                    int size = read.getValue().get();
                    long nanos = System.nanoTime() - start;
                    if (i >= WARM_UP) {
                        latencies.get(read.getKey()).add(nanos);
                    }
                    shown.put(read.getKey(), size);
                    LockSupport.parkNanos(PACE_NANOS - nanos);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nReads, %d warm-up + %d timed each, interleaved %s, one client, %s; %s%n",
                WARM_UP, REQUESTS, MIXED ? "across all three kinds" : "within each kind (one kind after the other)",
                PACE_NANOS == 0 ? "back to back" : "one read every " + PACE_NANOS / 1_000_000 + " ms",
                LoadAverage.describe());
        System.out.print(Latencies.HEADER);
        latencies.forEach((name, samples) -> System.out.print(samples.row(name)));
        for (String read : kinds) {
            System.out.printf(Locale.ROOT, "%s: %d journals shown; p95 with / without access log = %.2f in process,"
                    + " %.2f over HTTP%n", read, shown.get(read + ", query only"),
                    latencies.get(read + ", query + access log").p95() / latencies.get(read + ", query only").p95(),
                    latencies.get(read + ", HTTP as served").p95() / latencies.get(read + ", HTTP without log").p95());
        }
    }

    /** Writes alone and with readers, alternating twice, so drift in the machine's load hits both alike. */
    private void readsAndWritesTogether(StandaloneApp app, List<UUID> journalIds) throws Exception {
        CommandGateway commands = app.bean(CommandGateway.class);
        Actor psw = new Actor("psw-01", Role.PSW, "north");
        Latencies alone = new Latencies();
        Latencies withReads = new Latencies();
        Latencies readsDuringWrites = new Latencies();
        long readCount = 0;
        double readSeconds = 0;
        Random random = new Random(7);
        for (int round = 0; round < 2; round++) {
            timeWrites(commands, psw, journalIds, random, alone);
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService readers = Executors.newFixedThreadPool(READERS);
            List<Future<Latencies>> results = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                ApiClient reader = app.client().as("clara");
                Random pick = new Random(r);
                results.add(readers.submit(() -> {
                    Latencies mine = new Latencies();
                    while (writing.get()) {
                        long start = System.nanoTime();
                        checked(reader.get("/api/journals/" + journalIds.get(pick.nextInt(journalIds.size()))
                                + "/timeline"));
                        mine.add(System.nanoTime() - start);
                    }
                    return mine;
                }));
            }
            long start = System.nanoTime();
            timeWrites(commands, psw, journalIds, random, withReads);
            writing.set(false);
            readSeconds += (System.nanoTime() - start) / 1e9;
            for (Future<Latencies> result : results) {
                Latencies reads = result.get();
                readCount += reads.count();
                readsDuringWrites.addAll(reads);
            }
            readers.shutdown();
        }
        System.out.printf(Locale.ROOT, "%nNote writes (command gateway, one writer), %d per phase, alone and while %d"
                + " clients read timelines over HTTP (each read logged), alternating twice; %s%n", WRITES, READERS,
                LoadAverage.describe());
        System.out.print(Latencies.HEADER);
        System.out.print(alone.row("note write, alone"));
        System.out.print(withReads.row("note write, with readers"));
        System.out.print(readsDuringWrites.row("timeline read (HTTP), with writer"));
        System.out.printf(Locale.ROOT, "write p95 with / without readers = %.2f; %.0f logged reads/s meanwhile%n",
                withReads.p95() / alone.p95(), readCount / readSeconds);
    }

    private static void timeWrites(CommandGateway commands, Actor psw, List<UUID> journalIds, Random random,
            Latencies into) {
        for (int i = 0; i < WRITES; i++) {
            UUID journalId = journalIds.get(random.nextInt(journalIds.size()));
            long start = System.nanoTime();
            JournalSeeder.recordNote(commands, journalId, psw);
            into.add(System.nanoTime() - start);
        }
    }

    private static ApiResponse checked(ApiResponse response) {
        if (response.status() != 200) {
            throw new IllegalStateException(response.toString());
        }
        return response;
    }
}
