package org.peerjournal.query.escalation;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.time.Instant;

/**
 * An escalation's deadline to be acknowledged and what has happened to it since it was raised: when it went overdue,
 * who acknowledged and who resolved it, and when. The escalation queue and the timeline both keep these columns under
 * the same names; this is their one mapping. The deadline is never null, so Hibernate never reads the steps of a
 * stored row as a null embeddable.
 */
@Embeddable
public class EscalationSteps {

    @Column(name = "acknowledge_by", nullable = false)
    private Instant acknowledgeBy;
    @Column(name = "overdue_at")
    private Instant overdueAt;
    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;
    @Column(name = "acknowledged_by")
    private String acknowledgedBy;
    @Column(name = "resolved_at")
    private Instant resolvedAt;
    @Column(name = "resolved_by")
    private String resolvedBy;

    protected EscalationSteps() {
    }

    public EscalationSteps(Instant acknowledgeBy) {
        this.acknowledgeBy = acknowledgeBy;
    }

    public void overdue(Instant at) {
        overdueAt = at;
    }

    public void acknowledged(String by, Instant at) {
        acknowledgedBy = by;
        acknowledgedAt = at;
    }

    public void resolved(String by, Instant at) {
        resolvedBy = by;
        resolvedAt = at;
    }

    public Instant acknowledgeBy() {
        return acknowledgeBy;
    }

    public Instant overdueAt() {
        return overdueAt;
    }

    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    public String acknowledgedBy() {
        return acknowledgedBy;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public String resolvedBy() {
        return resolvedBy;
    }
}
