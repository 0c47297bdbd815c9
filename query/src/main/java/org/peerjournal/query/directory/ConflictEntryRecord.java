package org.peerjournal.query.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.peerjournal.query.projection.InsertedRow;
import org.peerjournal.shared.conflict.ConflictKind;

import java.time.Instant;
import java.util.UUID;

/** One row per loyalty conflict: whether it is open and whether the supervision its PSW asked for was held. */
@Entity
@Table(name = "conflict_entry")
class ConflictEntryRecord extends InsertedRow<UUID> {

    @Id
    @Column(name = "conflict_id")
    private UUID conflictId;
    @Column(name = "journal_id", nullable = false)
    private UUID journalId;
    @Column(name = "team_id", nullable = false)
    private String teamId;
    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false)
    private ConflictKind kind;
    @Column(name = "flagged_by", nullable = false)
    private String flaggedBy;
    @Column(name = "flagged_at", nullable = false)
    private Instant flaggedAt;
    @Column(name = "supervision_requested", nullable = false)
    private boolean supervisionRequested;
    @Column(name = "supervision_held", nullable = false)
    private boolean supervisionHeld;
    @Column(name = "resolved", nullable = false)
    private boolean resolved;

    protected ConflictEntryRecord() {
    }

    @Override
    public UUID getId() {
        return conflictId;
    }

    ConflictEntryRecord(UUID conflictId, UUID journalId, String teamId, ConflictKind kind, String flaggedBy,
            Instant flaggedAt, boolean supervisionRequested) {
        this.conflictId = conflictId;
        this.journalId = journalId;
        this.teamId = teamId;
        this.kind = kind;
        this.flaggedBy = flaggedBy;
        this.flaggedAt = flaggedAt;
        this.supervisionRequested = supervisionRequested;
    }

    void supervisionHeld() {
        supervisionHeld = true;
    }

    void resolve() {
        resolved = true;
    }
}
