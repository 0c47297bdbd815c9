package org.peerjournal.query.timeline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.peerjournal.query.projection.InsertedRow;
import org.peerjournal.shared.conflict.ConflictKind;
import org.peerjournal.shared.journal.JournalLimits;
import org.peerjournal.shared.journal.query.TimelineEntry;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A loyalty conflict shown in the timeline; its common fields live in {@link TimelineEntryRecord}. */
@Entity
@Table(name = "timeline_conflict")
class TimelineConflictRecord extends InsertedRow<UUID> {

    @Id
    @Column(name = "entry_id")
    private UUID entryId;
    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false)
    private ConflictKind kind;
    @Column(name = "description", nullable = false, length = JournalLimits.LONG_TEXT_MAX)
    private String description;
    @Column(name = "patient_perspective", nullable = false, length = 4000)
    private String patientPerspective;
    @Column(name = "staff_perspective", nullable = false, length = 4000)
    private String staffPerspective;
    @Column(name = "supervision_requested", nullable = false)
    private boolean supervisionRequested;
    @Column(name = "resolution", length = 4000)
    private String resolution;
    @Column(name = "resolved_by")
    private String resolvedBy;
    @Column(name = "resolved_at")
    private Instant resolvedAt;

    protected TimelineConflictRecord() {
    }

    @Override
    public UUID getId() {
        return entryId;
    }

    TimelineConflictRecord(UUID entryId, ConflictKind kind, String description, String patientPerspective,
            String staffPerspective, boolean supervisionRequested) {
        this.entryId = entryId;
        this.kind = kind;
        this.description = description;
        this.patientPerspective = patientPerspective;
        this.staffPerspective = staffPerspective;
        this.supervisionRequested = supervisionRequested;
    }

    UUID entryId() {
        return entryId;
    }

    void resolved(String result, String by, Instant at) {
        resolution = result;
        resolvedBy = by;
        resolvedAt = at;
    }

    TimelineEntry.LoyaltyConflictDetails toDetails(List<TimelineEntry.Discussion> discussions) {
        return new TimelineEntry.LoyaltyConflictDetails(kind, description, patientPerspective, staffPerspective,
                supervisionRequested, discussions, resolution, resolvedBy, resolvedAt);
    }
}
