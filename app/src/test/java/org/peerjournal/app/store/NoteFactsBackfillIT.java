package org.peerjournal.app.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.EmbeddedPostgresStore;
import org.peerjournal.app.support.StoreMigrations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration V17 moves what the journal's rules know of each note out of the aggregate's snapshot into
 * {@code note_fact}; V17_1 fills it from the note events already stored, in their order, on H2 and PostgreSQL. A
 * store upgraded with data then enforces the same rules (author-only correction, no change to a retracted note).
 */
class NoteFactsBackfillIT {

    private static final String EVENTS = "org.peerjournal.shared.journal.event.";
    private static final String JOURNAL = "00000000-0000-0000-0000-00000000000a";
    private static final String CORRECTED = "00000000-0000-0000-0000-000000000001";
    private static final String RETRACTED = "00000000-0000-0000-0000-000000000002";

    @TempDir
    Path dataDir;

    @Test
    void fillsTheNoteFactsFromTheStoredEventsOnH2() {
        assertBackfill(new DriverManagerDataSource("jdbc:h2:file:" + dataDir.resolve("peerjournal"), "sa", ""), "h2");
    }

    @Test
    void fillsTheNoteFactsFromTheStoredEventsOnPostgresql() {
        assertBackfill(EmbeddedPostgresStore.freshDataSource(), "postgresql");
    }

    private static void assertBackfill(DataSource dataSource, String vendor) {
        migrate(dataSource, vendor, "17");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        event(jdbc, 1, "JournalOpenedEvent", "{\"journalId\":\"" + JOURNAL + "\",\"teamId\":\"north\"}");
        event(jdbc, 2, "ContactNoteRecordedEvent", recorded(CORRECTED, "anna"));
        event(jdbc, 3, "ContactNoteRecordedEvent", recorded(RETRACTED, "bo"));
        event(jdbc, 4, "ContactNoteCorrectedEvent", "{\"journalId\":\"" + JOURNAL + "\",\"noteId\":\"" + CORRECTED
                + "\",\"revision\":2,\"text\":\"t\",\"reason\":\"r\",\"correctedBy\":\"anna\"}");
        event(jdbc, 5, "ContactNoteCorrectedEvent", "{\"journalId\":\"" + JOURNAL + "\",\"noteId\":\"" + CORRECTED
                + "\",\"revision\":3,\"text\":\"t\",\"reason\":\"r\",\"correctedBy\":\"anna\"}");
        event(jdbc, 6, "ContactNoteRetractedEvent", "{\"journalId\":\"" + JOURNAL + "\",\"noteId\":\"" + RETRACTED
                + "\",\"reason\":\"r\",\"retractedBy\":\"david\"}");

        migrate(dataSource, vendor, "latest");

        List<String> facts = jdbc.query("select note_id, journal_id, author_id, revision, retracted from note_fact"
                + " order by note_id", (rs, row) -> rs.getString(1).substring(35) + " " + rs.getString(2).substring(35)
                + " " + rs.getString(3) + " " + rs.getInt(4) + " " + rs.getBoolean(5));
        assertThat(facts).as(vendor).containsExactly("1 a anna 3 false", "2 a bo 1 true");
    }

    private static String recorded(String noteId, String author) {
        return "{\"journalId\":\"" + JOURNAL + "\",\"noteId\":\"" + noteId + "\",\"authorId\":\"" + author
                + "\",\"contactType\":\"HOME_VISIT\",\"occurredAt\":\"2026-01-01T10:00:00Z\",\"durationMinutes\":30,"
                + "\"text\":\"t\",\"lateEntry\":false}";
    }

    private static void migrate(DataSource dataSource, String vendor, String target) {
        StoreMigrations.flyway(vendor).dataSource(dataSource).target(target).load().migrate();
    }

    private static void event(JdbcTemplate jdbc, long sequence, String type, String payload) {
        jdbc.update("insert into domain_event_entry (global_index, event_identifier, aggregate_identifier,"
                        + " sequence_number, type, time_stamp, payload_type, payload_revision, payload)"
                        + " values (?, ?, ?, ?, 'Journal', '2026-01-01T10:00:00Z', ?, '1', ?)",
                sequence, UUID.randomUUID().toString(), JOURNAL, sequence - 1, EVENTS + type,
                payload.getBytes(StandardCharsets.UTF_8));
    }
}
