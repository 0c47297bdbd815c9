package org.peerjournal.query.escalation;

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
import org.peerjournal.shared.escalation.EscalationChange;
import org.peerjournal.shared.escalation.EscalationSeverity;
import org.peerjournal.shared.escalation.EscalationStatus;
import org.peerjournal.shared.escalation.EscalationView;

import java.time.Instant;
import java.util.UUID;

/** One escalation in its team's queue. No free text: the queue says what needs attention and where. */
@Entity
@Table(name = "escalation_queue")
class EscalationQueueRecord extends InsertedRow<UUID> {

    @Id
    @Column(name = "escalation_id")
    private UUID escalationId;
    @Column(name = "journal_id", nullable = false)
    private UUID journalId;
    @Column(name = "team_id", nullable = false)
    private String teamId;
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "category", nullable = false)
    private EscalationCategory category;
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "severity", nullable = false)
    private EscalationSeverity severity;
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "status", nullable = false)
    private EscalationStatus status;
    @Column(name = "raised_at", nullable = false)
    private Instant raisedAt;
    @Column(name = "raised_by", nullable = false)
    private String raisedBy;
    @Column(name = "acknowledge_by", nullable = false)
    private Instant acknowledgeBy;
    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;
    @Column(name = "acknowledged_by")
    private String acknowledgedBy;
    @Column(name = "resolved_at")
    private Instant resolvedAt;
    @Column(name = "resolved_by")
    private String resolvedBy;
    @Column(name = "overdue", nullable = false)
    private boolean overdue;
    @Column(name = "overdue_at")
    private Instant overdueAt;
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "last_change", nullable = false)
    private EscalationChange lastChange;

    protected EscalationQueueRecord() {
    }

    @Override
    public UUID getId() {
        return escalationId;
    }

    EscalationQueueRecord(UUID escalationId, UUID journalId, String teamId, EscalationCategory category,
            EscalationSeverity severity, Instant raisedAt, String raisedBy, Instant acknowledgeBy) {
        this.escalationId = escalationId;
        this.journalId = journalId;
        this.teamId = teamId;
        this.category = category;
        this.severity = severity;
        this.status = EscalationStatus.OPEN;
        this.raisedAt = raisedAt;
        this.raisedBy = raisedBy;
        this.acknowledgeBy = acknowledgeBy;
        this.lastChange = EscalationChange.RAISED;
    }

    UUID escalationId() {
        return escalationId;
    }

    void overdue(Instant at) {
        overdue = true;
        overdueAt = at;
        lastChange = EscalationChange.OVERDUE;
    }

    void acknowledged(String by, Instant at) {
        status = EscalationStatus.ACKNOWLEDGED;
        acknowledgedBy = by;
        acknowledgedAt = at;
        lastChange = EscalationChange.ACKNOWLEDGED;
    }

    void resolved(String by, Instant at) {
        status = EscalationStatus.RESOLVED;
        resolvedBy = by;
        resolvedAt = at;
        lastChange = EscalationChange.RESOLVED;
    }

    EscalationView toView(String notificationState) {
        return new EscalationView(escalationId, journalId, teamId, category, severity, status, raisedAt, raisedBy,
                acknowledgeBy, acknowledgedAt, acknowledgedBy, resolvedAt, resolvedBy, overdue, overdueAt,
                lastChange, notificationState);
    }
}
