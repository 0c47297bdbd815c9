package org.peerjournal.query.timeline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.peerjournal.query.projection.InsertedRow;
import org.peerjournal.shared.journal.JournalLimits;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** Every revision of every note, the first included: a correction adds a row and changes none. */
@Entity
@Table(name = "note_revision")
@IdClass(NoteRevisionRecord.Key.class)
class NoteRevisionRecord extends InsertedRow<NoteRevisionRecord.Key> {

    @Id
    @Column(name = "note_id")
    private UUID noteId;
    @Id
    @Column(name = "revision")
    private int revision;
    @Column(name = "text", nullable = false, length = JournalLimits.LONG_TEXT_MAX)
    private String text;
    @Column(name = "author", nullable = false)
    private String author;
    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;
    @Column(name = "reason", length = 4000)
    private String reason;

    protected NoteRevisionRecord() {
    }

    @Override
    public Key getId() {
        return new Key(noteId, revision);
    }

    NoteRevisionRecord(UUID noteId, int revision, String text, String author, Instant recordedAt, String reason) {
        this.noteId = noteId;
        this.revision = revision;
        this.text = text;
        this.author = author;
        this.recordedAt = recordedAt;
        this.reason = reason;
    }

    UUID noteId() {
        return noteId;
    }

    int revision() {
        return revision;
    }

    String text() {
        return text;
    }

    String author() {
        return author;
    }

    Instant recordedAt() {
        return recordedAt;
    }

    String reason() {
        return reason;
    }

    record Key(UUID noteId, int revision) implements Serializable {
    }
}
