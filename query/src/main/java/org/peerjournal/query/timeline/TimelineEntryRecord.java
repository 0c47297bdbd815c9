package org.peerjournal.query.timeline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.peerjournal.query.projection.InsertedRow;
import org.peerjournal.shared.conflict.ConflictStatus;
import org.peerjournal.shared.escalation.EscalationStatus;
import org.peerjournal.shared.journal.ContactType;
import org.peerjournal.shared.journal.JournalLimits;
import org.peerjournal.shared.journal.query.EntryType;
import org.peerjournal.shared.journal.query.NoteStatus;
import org.peerjournal.shared.journal.query.TimelineEntry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One timeline entry. Columns after {@code status} belong to notes; later entry types bring their own tables. */
@Entity
@Table(name = "timeline_entry")
class TimelineEntryRecord extends InsertedRow<UUID> {

    @Id
    @Column(name = "entry_id")
    private UUID entryId;
    @Column(name = "journal_id", nullable = false)
    private UUID journalId;
    @Enumerated(EnumType.STRING)
    @Column(name = "entry_type", nullable = false)
    private EntryType entryType;
    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;
    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;
    @Column(name = "author", nullable = false)
    private String author;
    @Column(name = "status", nullable = false)
    private String status;
    @Enumerated(EnumType.STRING)
    @Column(name = "contact_type")
    private ContactType contactType;
    @Column(name = "duration_minutes")
    private Integer durationMinutes;
    @Column(name = "current_text", length = JournalLimits.LONG_TEXT_MAX)
    private String currentText;
    @Column(name = "current_revision")
    private Integer currentRevision;
    @Column(name = "late_entry", nullable = false)
    private boolean lateEntry;
    @Column(name = "retracted", nullable = false)
    private boolean retracted;
    @Column(name = "retraction_reason", length = 4000)
    private String retractionReason;
    @Column(name = "retracted_by")
    private String retractedBy;
    @Column(name = "retracted_at")
    private Instant retractedAt;

    protected TimelineEntryRecord() {
    }

    @Override
    public UUID getId() {
        return entryId;
    }

    /** An entry as {@link TimelinePageReader} reads it: a row of {@code timeline_entry}, not managed by JPA. */
    static TimelineEntryRecord read(ResultSet row) throws SQLException {
        TimelineEntryRecord entry = new TimelineEntryRecord();
        entry.entryId = row.getObject("entry_id", UUID.class);
        entry.journalId = row.getObject("journal_id", UUID.class);
        entry.entryType = EntryType.valueOf(row.getString("entry_type"));
        entry.occurredAt = instant(row, "occurred_at");
        entry.recordedAt = instant(row, "recorded_at");
        entry.author = row.getString("author");
        entry.status = row.getString("status");
        String contactType = row.getString("contact_type");
        entry.contactType = contactType == null ? null : ContactType.valueOf(contactType);
        entry.durationMinutes = row.getObject("duration_minutes", Integer.class);
        entry.currentText = row.getString("current_text");
        entry.currentRevision = row.getObject("current_revision", Integer.class);
        entry.lateEntry = row.getBoolean("late_entry");
        entry.retracted = row.getBoolean("retracted");
        entry.retractionReason = row.getString("retraction_reason");
        entry.retractedBy = row.getString("retracted_by");
        entry.retractedAt = instant(row, "retracted_at");
        return entry;
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** An escalation's entry: it "occurred" when it was raised; its lifecycle lives in TimelineEscalationRecord. */
    static TimelineEntryRecord escalation(UUID escalationId, UUID journalId, Instant raisedAt, String raisedBy) {
        TimelineEntryRecord entry = new TimelineEntryRecord();
        entry.entryId = escalationId;
        entry.journalId = journalId;
        entry.entryType = EntryType.ESCALATION;
        entry.occurredAt = raisedAt;
        entry.recordedAt = raisedAt;
        entry.author = raisedBy;
        entry.status = EscalationStatus.OPEN.name();
        return entry;
    }

    /** A loyalty conflict's entry: it "occurred" when it was flagged. Status OPEN until resolved. */
    static TimelineEntryRecord loyaltyConflict(UUID conflictId, UUID journalId, Instant flaggedAt, String flaggedBy) {
        TimelineEntryRecord entry = new TimelineEntryRecord();
        entry.entryId = conflictId;
        entry.journalId = journalId;
        entry.entryType = EntryType.LOYALTY_CONFLICT;
        entry.occurredAt = flaggedAt;
        entry.recordedAt = flaggedAt;
        entry.author = flaggedBy;
        entry.status = ConflictStatus.OPEN.name();
        return entry;
    }

    void conflictResolved() {
        status = ConflictStatus.RESOLVED.name();
    }

    void escalationStatus(EscalationStatus newStatus) {
        status = newStatus.name();
    }

    void correct(int revision, String text) {
        currentRevision = revision;
        currentText = text;
        if (!retracted) {
            status = NoteStatus.CORRECTED.name();
        }
    }

    void retract(String reason, String by, Instant at) {
        retracted = true;
        retractionReason = reason;
        retractedBy = by;
        retractedAt = at;
        status = NoteStatus.RETRACTED.name();
    }

    UUID entryId() {
        return entryId;
    }

    EntryType entryType() {
        return entryType;
    }

    TimelineEntry toNote(List<TimelineEntry.NoteRevision> revisions) {
        TimelineEntry.Retraction retraction = retracted
                ? new TimelineEntry.Retraction(retractionReason, retractedBy, retractedAt) : null;
        return TimelineEntry.note(entryId, occurredAt, recordedAt, author, NoteStatus.valueOf(status), contactType,
                durationMinutes, currentText, currentRevision, revisions, lateEntry, retraction);
    }

    TimelineEntry toEscalation(TimelineEntry.EscalationDetails details) {
        return TimelineEntry.escalation(entryId, occurredAt, author, EscalationStatus.valueOf(status), details);
    }

    TimelineEntry toLoyaltyConflict(TimelineEntry.LoyaltyConflictDetails details) {
        return TimelineEntry.loyaltyConflict(entryId, occurredAt, author, ConflictStatus.valueOf(status), details);
    }
}
