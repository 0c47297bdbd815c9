package org.peerjournal.command.journal;

import org.peerjournal.shared.error.StateConflictException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * What the journal's rules need to know of each note (author, revision, retracted), in the command side's
 * {@code note_fact} table instead of the aggregate's snapshot: a journal of 5,000 notes then loads as fast as one
 * of 10 without the aggregate cache (ADR 0011). Written in the transaction that stores the note's event, so the
 * two commit together or not at all.
 */
@Component
public class NoteFacts {

    private final JdbcTemplate jdbc;

    NoteFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<NoteState> find(UUID journalId, UUID noteId) {
        return jdbc.query("select author_id, revision, retracted from note_fact where note_id = ? and journal_id = ?",
                (row, number) -> new NoteState(row.getString(1), row.getInt(2), row.getBoolean(3), null),
                noteId.toString(), journalId.toString()).stream().findFirst();
    }

    void recorded(UUID journalId, UUID noteId, String authorId) {
        try {
            jdbc.update("insert into note_fact (note_id, journal_id, author_id, revision, retracted)"
                    + " values (?, ?, ?, 1, false)", noteId.toString(), journalId.toString(), authorId);
        } catch (DuplicateKeyException duplicate) {
            throw new StateConflictException("Note " + noteId + " exists already");
        }
    }

    void corrected(UUID noteId, int revision) {
        jdbc.update("update note_fact set revision = ? where note_id = ?", revision, noteId.toString());
    }

    void retracted(UUID noteId) {
        jdbc.update("update note_fact set retracted = true where note_id = ?", noteId.toString());
    }
}
