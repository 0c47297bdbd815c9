package org.peerjournal.app.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.StandaloneApp;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The embedded store is packed at a quiet moment with nobody doing anything: the file shrinks, requests that come
 * meanwhile wait rather than fail, every stored event is still there byte for byte, and the store reopened by the
 * service writes every commit at once as before. A small store and short times here (the configured ones are
 * 64 MB and 10 s); what packing gives at 100,000 events is measured by {@code FileSizeBenchmark}.
 */
class H2PackedWhenQuietIT {

    private static final long MINIMUM_SIZE = 6_000_000;

    @TempDir
    Path dataDir;

    @Test
    void aQuietStoreIsPackedWhileRequestsWaitAndNothingIsLostOrWrittenLaterThanBefore() throws Exception {
        try (StandaloneApp app = StandaloneApp.start(dataDir, "peerjournal.store.h2.pack-when-quiet-for=PT1S",
                "peerjournal.store.h2.pack-minimum-size=" + MINIMUM_SIZE + "B")) {
            H2PackedWhenQuiet packing = app.bean(H2PackedWhenQuiet.class);
            JdbcTemplate jdbc = app.bean(JdbcTemplate.class);
            JournalApi journals = app.journals();
            String journalId = journals.openNorthJournal();
            Path file = dataDir.resolve("peerjournal.mv.db");
            int notes = journals.recordNotesUntilTheFileHas(journalId, file, 2 * MINIMUM_SIZE).size();
            assertThat(packing.packs()).as("packs while notes were written").isZero();
            String events = digestOfTheEvents(jdbc);
            long grown = Files.size(file);

            List<Integer> answers = whileWaitingFor(() -> packing.packs() > 0, app.client().as("olle"));

            assertThat(answers).as("answers to the requests made while waiting for the pack").isNotEmpty()
                    .containsOnly(200);
            assertThat(Files.size(file)).as("the file after packing, against %d bytes before", grown)
                    .isLessThan(grown / 2);
            assertThat(digestOfTheEvents(jdbc)).as("every stored event, byte for byte").isEqualTo(events);
            assertThat(jdbc.queryForList("select setting_value from information_schema.settings"
                    + " where setting_name = 'WRITE_DELAY'", String.class)).as("WRITE_DELAY after reopening")
                    .containsOnly("0");
            journals.recordNote(journalId, "Written after the pack");
            ApiResponse timeline = journals.awaitTimelineEntries(journalId, "", notes + 1);
            assertThat(timeline.status()).isEqualTo(200);
        }
    }

    /**
     * A store held longer than the pool's connection timeout (one that could not be opened again after packing) does
     * not leave requests hanging: a note and a read are answered 503 with Retry-After, and the note is not stored; sent
     * again with its Idempotency-Key once the store is back, it is stored once.
     */
    @Test
    void whileTheStoreGivesNoConnectionRequestsAreAnswered503AndTheNoteSentAgainIsStoredOnce(
            @TempDir Path elsewhere) throws Exception {
        try (StandaloneApp app = StandaloneApp.start(elsewhere, "spring.datasource.hikari.connection-timeout=1000")) {
            JournalApi journals = app.journals();
            String journalId = journals.openNorthJournal();
            journals.awaitTimelineEntries(journalId, "", 0);
            ApiClient anna = app.client().as("anna").withHeader("Idempotency-Key", "held-store-" + journalId);
            String notes = "/api/journals/" + journalId + "/notes";
            Map<String, Object> body = JournalApi.note("Written while the store was held");
            GatedPool gate = app.bean(DataSource.class).unwrap(GatedPool.class);

            gate.hold();
            ApiResponse note;
            ApiResponse timeline;
            try {
                note = anna.post(notes, body);
                timeline = journals.timeline("clara", journalId, "");
            } finally {
                gate.letGo();
            }

            for (ApiResponse refused : List.of(note, timeline)) {
                assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
                assertThat(refused.contentType()).isEqualTo("application/problem+json");
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(refused.body().path("detail").asText()).startsWith("The store is not available");
            }
            assertThat(app.bean(JdbcTemplate.class).queryForObject("select count(*) from domain_event_entry"
                    + " where aggregate_identifier = ?", Long.class, journalId)).as("the journal's events")
                    .isEqualTo(1);
            ApiResponse again = anna.post(notes, body);
            assertThat(again.status()).as(again.toString()).isEqualTo(201);
            assertThat(anna.post(notes, body).body())
                    .as("the same key once more").isEqualTo(again.body());
            assertThat(journals.awaitTimelineEntries(journalId, "", 1).status()).isEqualTo(200);
        }
    }

    @Test
    void packWhenQuietFalseLeavesPackingOut(@TempDir Path elsewhere) {
        try (StandaloneApp app = StandaloneApp.start(elsewhere, "peerjournal.store.h2.pack-when-quiet=false")) {
            assertThatThrownBy(() -> app.bean(H2PackedWhenQuiet.class))
                    .isInstanceOf(NoSuchBeanDefinitionException.class);
        }
    }

    /** What the service answered to a stream of requests (the projections' status) until {@code done}. */
    private static List<Integer> whileWaitingFor(Callable<Boolean> done, ApiClient admin) {
        ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> asking = CompletableFuture.runAsync(() -> {
            while (!stop.get()) {
                answers.add(admin.get("/api/admin/projections").status());
            }
        });
        try {
            await().atMost(Duration.ofSeconds(60)).until(done);
        } finally {
            stop.set(true);
            asking.join();
        }
        return List.copyOf(answers);
    }

    private static String digestOfTheEvents(JdbcTemplate jdbc) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        jdbc.query("select global_index, event_identifier, aggregate_identifier, sequence_number, payload, meta_data"
                + " from domain_event_entry order by global_index", row -> {
            digest.update((row.getLong(1) + "|" + row.getString(2) + "|" + row.getString(3) + "|" + row.getLong(4))
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(row.getBytes(5));
            digest.update(row.getBytes(6));
        });
        return HexFormat.of().formatHex(digest.digest());
    }
}
