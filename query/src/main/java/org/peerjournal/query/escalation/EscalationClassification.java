package org.peerjournal.query.escalation;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import org.peerjournal.shared.escalation.EscalationCategory;
import org.peerjournal.shared.escalation.EscalationSeverity;

/**
 * What kind of escalation it is and how severe, as its PSW raised it; never changes afterwards. The escalation queue
 * and the timeline both keep these two columns under the same names; this is their one mapping.
 */
@Embeddable
public class EscalationClassification {

    @Enumerated(EnumType.STRING)
    @Column(name = "category", nullable = false)
    private EscalationCategory category;
    @Enumerated(EnumType.STRING)
    @Column(name = "severity", nullable = false)
    private EscalationSeverity severity;

    protected EscalationClassification() {
    }

    public EscalationClassification(EscalationCategory category, EscalationSeverity severity) {
        this.category = category;
        this.severity = severity;
    }

    public EscalationCategory category() {
        return category;
    }

    public EscalationSeverity severity() {
        return severity;
    }
}
