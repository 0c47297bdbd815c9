package org.peerjournal.query.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.peerjournal.query.projection.InsertedRow;
import org.peerjournal.shared.journal.ContactType;

import java.time.Instant;
import java.util.UUID;

/** One row per contact note: the raw material of "last contact", contacts per worker and the contact report. */
@Entity
@Table(name = "contact_entry")
class ContactEntryRecord extends InsertedRow<UUID> {

    @Id
    @Column(name = "note_id")
    private UUID noteId;
    @Column(name = "journal_id", nullable = false)
    private UUID journalId;
    @Column(name = "team_id", nullable = false)
    private String teamId;
    @Column(name = "worker_id", nullable = false)
    private String workerId;
    @Enumerated(EnumType.STRING)
    @Column(name = "contact_type", nullable = false)
    private ContactType contactType;
    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;
    @Column(name = "duration_minutes", nullable = false)
    private int durationMinutes;
    @Column(name = "retracted", nullable = false)
    private boolean retracted;

    protected ContactEntryRecord() {
    }

    @Override
    public UUID getId() {
        return noteId;
    }

    ContactEntryRecord(UUID noteId, UUID journalId, String teamId, String workerId, ContactType contactType,
            Instant occurredAt, int durationMinutes) {
        this.noteId = noteId;
        this.journalId = journalId;
        this.teamId = teamId;
        this.workerId = workerId;
        this.contactType = contactType;
        this.occurredAt = occurredAt;
        this.durationMinutes = durationMinutes;
    }

    UUID journalId() {
        return journalId;
    }

    String teamId() {
        return teamId;
    }

    ContactType contactType() {
        return contactType;
    }

    Instant occurredAt() {
        return occurredAt;
    }

    int durationMinutes() {
        return durationMinutes;
    }

    boolean retracted() {
        return retracted;
    }

    void retract() {
        retracted = true;
    }
}
