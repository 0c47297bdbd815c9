package org.peerjournal.query.timeline;

import org.peerjournal.shared.journal.ContactType;
import org.peerjournal.shared.journal.event.ContactNoteRecordedEvent;
import org.peerjournal.shared.journal.query.EntryType;
import org.peerjournal.shared.journal.query.NoteStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A recorded note's two rows, its timeline entry and its first revision, inserted with plain SQL in the processor's
 * transaction. Recorded notes are nearly every event a replay of the timeline handles; written through Spring Data's
 * {@code save} and Hibernate's flush, their rows took about half of the replay thread's samples, H2's inserts a third
 * of that, and the replay ran about a sixth slower (docs/benchmarks.md, "Projection replay speed", session 21; ADR
 * 0023). The rows are the ones {@link TimelineEntryRecord} and {@link NoteRevisionRecord} map: a later correction or
 * retraction, in the same batch or not, loads the entry as an entity as before.
 *
 * <p>Instants are bound at offset UTC, as the other projections' SQL binds them: PostgreSQL's driver takes no
 * {@link Instant}.
 */
@Component
class RecordedNoteRows {

    private static final String INSERT_ENTRY = "insert into timeline_entry (entry_id, journal_id, entry_type,"
            + " occurred_at, recorded_at, author, status, contact_type, duration_minutes, current_text,"
            + " current_revision, late_entry, retracted) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, false)";
    private static final String INSERT_FIRST_REVISION = "insert into note_revision (note_id, revision, text, author,"
            + " recorded_at) values (?, 1, ?, ?, ?)";

    private final JdbcTemplate jdbc;

    RecordedNoteRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ContactNoteRecordedEvent note, Instant recordedAt) {
        OffsetDateTime recorded = recordedAt.atOffset(ZoneOffset.UTC);
        jdbc.update(INSERT_ENTRY, note.noteId(), note.journalId(), EntryType.NOTE.name(),
                note.occurredAt().atOffset(ZoneOffset.UTC), recorded, note.authorId(), NoteStatus.RECORDED.name(),
                nameOf(note.contactType()), note.durationMinutes(), note.text(), note.lateEntry());
        jdbc.update(INSERT_FIRST_REVISION, note.noteId(), note.text(), note.authorId(), recorded);
    }

    /** As the entity's {@code EnumType.STRING} column: the constant's name, or null. */
    private static String nameOf(ContactType type) {
        return type == null ? null : type.name();
    }
}
