package org.peerjournal.query.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.peerjournal.query.projection.InsertedRow;
import org.peerjournal.shared.journal.query.JournalSummary;

import java.time.Instant;
import java.util.UUID;

/** One row per journal: what the team's journal list shows. */
@Entity
@Table(name = "journal_directory")
class JournalDirectoryRecord extends InsertedRow<UUID> {

    @Id
    @Column(name = "journal_id")
    private UUID journalId;
    @Column(name = "team_id", nullable = false)
    private String teamId;
    @Column(name = "patient_ref", nullable = false)
    private String patientRef;
    @Column(name = "display_name", nullable = false)
    private String displayName;
    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;
    @Column(name = "last_contact_at")
    private Instant lastContactAt;
    @Column(name = "open_escalations", nullable = false)
    private int openEscalations;
    @Column(name = "overdue_escalations", nullable = false)
    private int overdueEscalations;
    @Column(name = "open_loyalty_conflicts", nullable = false)
    private int openLoyaltyConflicts;

    protected JournalDirectoryRecord() {
    }

    @Override
    public UUID getId() {
        return journalId;
    }

    JournalDirectoryRecord(UUID journalId, String teamId, String patientRef, String displayName, Instant openedAt) {
        this.journalId = journalId;
        this.teamId = teamId;
        this.patientRef = patientRef;
        this.displayName = displayName;
        this.openedAt = openedAt;
    }

    String teamId() {
        return teamId;
    }

    /** A new contact can only move the last contact later: no query needed (replays record 100,000s of notes). */
    void contactRecorded(Instant occurredAt) {
        if (lastContactAt == null || occurredAt.isAfter(lastContactAt)) {
            lastContactAt = occurredAt;
        }
    }

    /** After a retraction the last contact is whatever remains: the caller looks it up. */
    void lastContactAt(Instant value) {
        lastContactAt = value;
    }

    /** Open means raised and not yet acknowledged: the escalations that wait for a clinician. */
    void escalationRaised() {
        openEscalations++;
    }

    void escalationOverdue() {
        overdueEscalations++;
    }

    void escalationAcknowledged(boolean wasOverdue) {
        openEscalations = Math.max(0, openEscalations - 1);
        if (wasOverdue) {
            overdueEscalations = Math.max(0, overdueEscalations - 1);
        }
    }

    void conflictFlagged() {
        openLoyaltyConflicts++;
    }

    void conflictResolved() {
        openLoyaltyConflicts = Math.max(0, openLoyaltyConflicts - 1);
    }

    JournalSummary toSummary() {
        return new JournalSummary(journalId, patientRef, displayName, teamId, openedAt, lastContactAt,
                openEscalations, openLoyaltyConflicts);
    }
}
