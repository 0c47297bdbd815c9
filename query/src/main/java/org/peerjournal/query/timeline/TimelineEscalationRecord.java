package org.peerjournal.query.timeline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.peerjournal.query.projection.InsertedRow;
import org.peerjournal.shared.escalation.EscalationCategory;
import org.peerjournal.shared.escalation.EscalationSeverity;
import org.peerjournal.shared.journal.JournalLimits;
import org.peerjournal.shared.journal.query.TimelineEntry;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The lifecycle of an escalation shown in the timeline; its common fields live in {@link TimelineEntryRecord}. */
@Entity
@Table(name = "timeline_escalation")
class TimelineEscalationRecord extends InsertedRow<UUID> {

    /** Staff names are stored one per line; the request limits forbid line breaks inside a name. */
    private static final String SEPARATOR = "\n";

    @Id
    @Column(name = "entry_id")
    private UUID entryId;
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "category", nullable = false)
    private EscalationCategory category;
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "severity", nullable = false)
    private EscalationSeverity severity;
    @Column(name = "description", nullable = false, length = JournalLimits.LONG_TEXT_MAX)
    private String description;
    @Column(name = "patient_informed", nullable = false)
    private boolean patientInformed;
    @Column(name = "staff_already_informed", length = 8000)
    private String staffAlreadyInformed;
    @Column(name = "acknowledge_by", nullable = false)
    private Instant acknowledgeBy;
    @Column(name = "overdue_at")
    private Instant overdueAt;
    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;
    @Column(name = "acknowledged_by")
    private String acknowledgedBy;
    @Column(name = "action_taken", length = 4000)
    private String actionTaken;
    @Column(name = "resolved_at")
    private Instant resolvedAt;
    @Column(name = "resolved_by")
    private String resolvedBy;
    @Column(name = "outcome", length = 4000)
    private String outcome;

    protected TimelineEscalationRecord() {
    }

    @Override
    public UUID getId() {
        return entryId;
    }

    TimelineEscalationRecord(UUID entryId, EscalationCategory category, EscalationSeverity severity, String description,
            boolean patientInformed, List<String> staffAlreadyInformed, Instant acknowledgeBy) {
        this.entryId = entryId;
        this.category = category;
        this.severity = severity;
        this.description = description;
        this.patientInformed = patientInformed;
        this.staffAlreadyInformed = String.join(SEPARATOR, staffAlreadyInformed);
        this.acknowledgeBy = acknowledgeBy;
    }

    UUID entryId() {
        return entryId;
    }

    void overdue(Instant at) {
        overdueAt = at;
    }

    void acknowledged(String by, Instant at, String action) {
        acknowledgedBy = by;
        acknowledgedAt = at;
        actionTaken = action;
    }

    void resolved(String by, Instant at, String result) {
        resolvedBy = by;
        resolvedAt = at;
        outcome = result;
    }

    TimelineEntry.EscalationDetails toDetails() {
        List<String> staff = staffAlreadyInformed == null || staffAlreadyInformed.isEmpty()
                ? List.of() : Arrays.asList(staffAlreadyInformed.split(SEPARATOR));
        return new TimelineEntry.EscalationDetails(category, severity, description, patientInformed, staff,
                acknowledgeBy, overdueAt != null, overdueAt, acknowledgedAt, acknowledgedBy, actionTaken, resolvedAt,
                resolvedBy, outcome);
    }
}
