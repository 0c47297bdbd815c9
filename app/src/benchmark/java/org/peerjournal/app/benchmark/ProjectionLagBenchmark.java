package org.peerjournal.app.benchmark;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.StandaloneApp;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Projection lag on one node (issue #15, point 2): from the 201 of a note to the note being readable, over HTTP,
 * on the embedded H2 store of the demo profile.
 *
 * <p>Each sample: a random pause (0..300 ms, so writes do not fall on one point of any internal beat), a note
 * posted over HTTP, then, interleaved sample by sample, one of two ways of looking for it:
 * <ul>
 *     <li>the timeline table, polled every 2 ms through the application's own connection pool: the projection's own
 *     lag, with no read-side wait and no side effect;</li>
 *     <li>the timeline endpoint, read once right after the 201: what a client sees. The read waits for the projection
 *     (read your own writes), so its latency is the lag plus one read; the benchmark checks the note is there.
 *     The same read repeated at once, with nothing left to wait for, shows what a read costs by itself.</li>
 * </ul>
 * Figures are printed, never asserted. Run: {@code mvn -B -o -pl app -am test -Pbenchmark
 * -Dtest=ProjectionLagBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class ProjectionLagBenchmark {

    static final int SAMPLES = 150;
    static final int WARM_UP = 30;
    static final int JOURNALS = 10;
    static final Duration MAX_PAUSE = Duration.ofMillis(300);
    static final long POLL_NANOS = Duration.ofMillis(2).toNanos();

    @TempDir
    Path workDir;

    @Test
    void noteToTimelineOnOneNode() {
        try (StandaloneApp app = StandaloneApp.start(workDir.resolve("h2"))) {
            JournalSeeder seeder = new JournalSeeder(app.bean(CommandGateway.class), "north", "david", 1);
            List<UUID> journals = new ArrayList<>();
            for (int i = 0; i < JOURNALS; i++) {
                journals.add(seeder.open("LAG-" + i));
            }
            JdbcTemplate jdbc = app.bean(JdbcTemplate.class);
            ApiClient anna = app.client().as("anna");
            ApiClient clara = app.client().as("clara");
            Latencies table = new Latencies();
            Latencies endpoint = new Latencies();
            Latencies caughtUpRead = new Latencies();
            Random random = new Random(15);
            double loadBefore = LoadAverage.now();
            for (int i = 0; i < WARM_UP + 2 * SAMPLES; i++) {
                pause(random);
                UUID journal = journals.get(i % JOURNALS);
                String noteId = post(anna, journal);
                long answered = System.nanoTime();
                boolean viaTable = i % 2 == 0;
                if (viaTable) {
                    while (!inTable(jdbc, noteId)) {
                        LockSupport.parkNanos(POLL_NANOS);
                    }
                } else {
                    ApiResponse timeline = clara.get("/api/journals/" + journal + "/timeline?size=5");
                    assertThat(timeline.rawBody()).as("the next read shows the note").contains(noteId);
                }
                long nanos = System.nanoTime() - answered;
                if (i >= WARM_UP) {
                    (viaTable ? table : endpoint).add(nanos);
                    if (!viaTable) {
                        // The same read again, with nothing left to wait for: what a read costs by itself.
                        long start = System.nanoTime();
                        clara.get("/api/journals/" + journal + "/timeline?size=5");
                        caughtUpRead.add(System.nanoTime() - start);
                    }
                }
            }
            String report = String.format(Locale.ROOT, "%n=== Projection lag on one node (H2): %d notes per row,"
                    + " random pauses up to %d ms, load average %.2f -> %.2f on %d cores ===%n", SAMPLES,
                    MAX_PAUSE.toMillis(), loadBefore, LoadAverage.now(), Runtime.getRuntime().availableProcessors())
                    + Latencies.HEADER
                    + table.row("201 -> row in timeline table")
                    + endpoint.row("201 -> next timeline read answered")
                    + caughtUpRead.row("timeline read, nothing to wait for");
            System.out.print(report);
        }
    }

    private static void pause(Random random) {
        long millis = random.nextInt((int) MAX_PAUSE.toMillis());
        await().pollDelay(Duration.ofMillis(millis)).atMost(MAX_PAUSE.plusSeconds(1)).until(() -> true);
    }

    private static String post(ApiClient writer, UUID journal) {
        ApiResponse response = writer.post("/api/journals/" + journal + "/notes", JournalApi.note("Lag note"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.body().get("noteId").asText();
    }

    private static boolean inTable(JdbcTemplate jdbc, String noteId) {
        return jdbc.queryForObject("select count(*) from timeline_entry where entry_id = ?", Integer.class,
                UUID.fromString(noteId)) == 1;
    }
}
