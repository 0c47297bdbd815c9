package org.peerjournal.query.escalation;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
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
    @Embedded
    private EscalationClassification classification;
    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private EscalationStatus status;
    @Column(name = "raised_at", nullable = false)
    private Instant raisedAt;
    @Column(name = "raised_by", nullable = false)
    private String raisedBy;
    @Embedded
    private EscalationSteps steps;
    @Column(name = "overdue", nullable = false)
    private boolean overdue;
    @Enumerated(EnumType.STRING)
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
        this.classification = new EscalationClassification(category, severity);
        this.status = EscalationStatus.OPEN;
        this.raisedAt = raisedAt;
        this.raisedBy = raisedBy;
        this.steps = new EscalationSteps(acknowledgeBy);
        this.lastChange = EscalationChange.RAISED;
    }

    UUID escalationId() {
        return escalationId;
    }

    void overdue(Instant at) {
        overdue = true;
        steps.overdue(at);
        lastChange = EscalationChange.OVERDUE;
    }

    void acknowledged(String by, Instant at) {
        status = EscalationStatus.ACKNOWLEDGED;
        steps.acknowledged(by, at);
        lastChange = EscalationChange.ACKNOWLEDGED;
    }

    void resolved(String by, Instant at) {
        status = EscalationStatus.RESOLVED;
        steps.resolved(by, at);
        lastChange = EscalationChange.RESOLVED;
    }

    EscalationView toView(String notificationState) {
        return new EscalationView(escalationId, journalId, teamId, classification.category(),
                classification.severity(), status, raisedAt, raisedBy, steps.acknowledgeBy(), steps.acknowledgedAt(),
                steps.acknowledgedBy(), steps.resolvedAt(), steps.resolvedBy(), overdue, steps.overdueAt(), lastChange,
                notificationState);
    }
}
