package org.peerjournal.app.benchmark;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.StoreMigrations;
import org.peerjournal.command.ids.TimeOrderedIds;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What H2 alone costs for the rows a replay of the {@code timeline} projection writes: the floor under any change to
 * the projection's own write path ({@link ReplaySpeedBenchmark}). On a fresh store migrated as the application
 * migrates it (WRITE_DELAY 0, as the application runs it), one plain JDBC connection writes what the timeline holds
 * for 1,000 journals x (1 opening + 99 notes): a {@code timeline_journal} row per opening, a {@code timeline_entry}
 * and a {@code note_revision} row per note, in the order the seeder recorded them until session 21 (four journals
 * at a time), committing every batch with a token row updated, as a processor does. No Axon, no Hibernate, no
 * reading of events.
 *
 * <p>Compared side by side: batch sizes, and the journals' and notes' ids random (version 4 UUIDs, as the events
 * recorded before session 7 carry them) against time-ordered ({@link TimeOrderedIds}, as the service creates them
 * since). Printed: wall time, events/s, and the CPU time of the writing thread per event (unlike the wall time it
 * hardly depends on what else the shared machine runs). Run: {@code mvn -B -o -pl app
 * -am test -Pbenchmark -Dtest=ReplayWritesOnH2Benchmark -Dsurefire.failIfNoSpecifiedTests=false}; {@code
 * -Dbench.batchSizes=100,1000} and {@code -Dbench.rounds=2} choose the batch sizes and the rounds.
 */
@Tag("benchmark")
class ReplayWritesOnH2Benchmark {

    static final int JOURNALS = 1_000;
    static final int NOTES_PER_JOURNAL = 99;
    /** Until session 21 the seeder recorded four journals at a time: their events interleaved in the store. */
    static final int JOURNALS_AT_A_TIME = 4;
    static final List<Integer> BATCH_SIZES = Arrays.stream(System.getProperty("bench.batchSizes", "100,1000")
            .split(",")).map(String::trim).map(Integer::valueOf).toList();
    static final int ROUNDS = Integer.getInteger("bench.rounds", 2);
    static final String TEXT = JournalSeeder.NOTE_TEXT;

    @TempDir
    Path tempDir;

    private final List<String> rows = new ArrayList<>();
    private int stores;

    @Test
    void timelineRowsOfAHundredThousandEvents() throws Exception {
        System.out.printf(Locale.ROOT, "%n=== H2 alone: the timeline's rows for %d journals x (1 + %d) events ===%n",
                JOURNALS, NOTES_PER_JOURNAL);
        // Untimed: compiles H2's write path (JIT) before the first timed round.
        write(BATCH_SIZES.get(0), false);
        for (int round = 1; round <= ROUNDS; round++) {
            for (int batchSize : BATCH_SIZES) {
                for (boolean timeOrdered : new boolean[] {false, true}) {
                    rows.add(String.format(Locale.ROOT, "%-6d %-10d %-12s %s", round, batchSize,
                            timeOrdered ? "time-ordered" : "random", write(batchSize, timeOrdered)));
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n=== H2 alone: summary ===%n%-6s %-10s %-12s %9s %11s %16s %9s %9s%n",
                "round", "batch", "note keys", "seconds", "events/s", "CPU µs/event", "file MB", "load avg");
        rows.forEach(System.out::println);
    }

    /** Writes the rows into a fresh store; answers the figures as a row of the summary. */
    private String write(int batchSize, boolean timeOrdered) throws Exception {
        Path store = tempDir.resolve("store" + stores++);
        String url = "jdbc:h2:file:" + store.resolve("peerjournal") + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64";
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET WRITE_DELAY 0");
            }
            StoreMigrations.flyway("h2").dataSource(url, "sa", "").load().migrate();
            Writer writer = new Writer(connection, batchSize);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            double load = LoadAverage.now();
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long events = writer.writeAll(timeOrdered);
            long nanos = System.nanoTime() - start;
            long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
            try (Statement statement = connection.createStatement()) {
                var count = statement.executeQuery("select count(*) from timeline_entry");
                count.next();
                assertThat(count.getLong(1)).as("timeline entries").isEqualTo((long) JOURNALS * NOTES_PER_JOURNAL);
            }
            long fileMb = Files.size(store.resolve("peerjournal.mv.db")) >> 20;
            String row = String.format(Locale.ROOT, "%9.1f %11.0f %16.0f %9d %9.2f", nanos / 1e9,
                    events / (nanos / 1e9), cpu / 1e3 / events, fileMb, Math.max(load, LoadAverage.now()));
            System.out.printf(Locale.ROOT, "batch %d, %s keys: %s%n", batchSize,
                    timeOrdered ? "time-ordered" : "random", row);
            return row;
        }
    }

    /** The timeline's inserts as plain prepared statements, one commit (with the token's update) per batch. */
    private static final class Writer {

        private final Connection connection;
        private final int batchSize;
        private final PreparedStatement journal;
        private final PreparedStatement entry;
        private final PreparedStatement revision;
        private final PreparedStatement token;
        private long events;

        Writer(Connection connection, int batchSize) throws SQLException {
            this.connection = connection;
            this.batchSize = batchSize;
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("insert into token_entry (processor_name, segment, timestamp, token_type, token)"
                        + " values ('timeline', 0, 'now', 'token', X'00')");
            }
            journal = connection.prepareStatement("insert into timeline_journal (journal_id, team_id, display_name)"
                    + " values (?, ?, ?)");
            entry = connection.prepareStatement("insert into timeline_entry (entry_id, journal_id, entry_type,"
                    + " occurred_at, recorded_at, author, status, contact_type, duration_minutes, current_text,"
                    + " current_revision, late_entry, retracted) values (?, ?, 'NOTE', ?, ?, ?, 'RECORDED', ?, ?, ?,"
                    + " 1, false, false)");
            revision = connection.prepareStatement("insert into note_revision (note_id, revision, text, author,"
                    + " recorded_at) values (?, 1, ?, ?, ?)");
            token = connection.prepareStatement("update token_entry set token = ?, timestamp = ?"
                    + " where processor_name = 'timeline' and segment = 0");
        }

        /** @param timeOrdered ids as {@link TimeOrderedIds} makes them, or random ones */
        long writeAll(boolean timeOrdered) throws SQLException {
            Random random = new Random(1);
            Instant now = Instant.now();
            for (int first = 0; first < JOURNALS; first += JOURNALS_AT_A_TIME) {
                List<UUID> journals = new ArrayList<>();
                for (int i = 0; i < JOURNALS_AT_A_TIME; i++) {
                    UUID journalId = timeOrdered ? TimeOrderedIds.next() : UUID.randomUUID();
                    journals.add(journalId);
                    journal.setObject(1, journalId);
                    journal.setString(2, "north");
                    journal.setString(3, "Patient " + (first + i));
                    journal.executeUpdate();
                    handled();
                }
                for (int note = 0; note < NOTES_PER_JOURNAL; note++) {
                    for (UUID journalId : journals) {
                        UUID noteId = timeOrdered ? TimeOrderedIds.next() : UUID.randomUUID();
                        Timestamp recordedAt = Timestamp.from(now);
                        entry.setObject(1, noteId);
                        entry.setObject(2, journalId);
                        entry.setTimestamp(3, Timestamp.from(now.minusSeconds(random.nextInt(31_000_000))));
                        entry.setTimestamp(4, recordedAt);
                        entry.setString(5, "psw-01");
                        entry.setString(6, "HOME_VISIT");
                        entry.setInt(7, 45);
                        entry.setString(8, TEXT);
                        entry.executeUpdate();
                        revision.setObject(1, noteId);
                        revision.setString(2, TEXT);
                        revision.setString(3, "psw-01");
                        revision.setTimestamp(4, recordedAt);
                        revision.executeUpdate();
                        handled();
                    }
                }
            }
            commit();
            return events;
        }

        private void handled() throws SQLException {
            if (++events % batchSize == 0) {
                commit();
            }
        }

        private void commit() throws SQLException {
            token.setBytes(1, new byte[300]);
            token.setString(2, Instant.now().toString());
            token.executeUpdate();
            connection.commit();
        }
    }
}
