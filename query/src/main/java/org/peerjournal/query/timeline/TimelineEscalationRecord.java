package org.peerjournal.query.timeline;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.peerjournal.query.escalation.EscalationClassification;
import org.peerjournal.query.escalation.EscalationSteps;
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
    @Embedded
    private EscalationClassification classification;
    @Column(name = "description", nullable = false, length = JournalLimits.LONG_TEXT_MAX)
    private String description;
    @Column(name = "patient_informed", nullable = false)
    private boolean patientInformed;
    @Column(name = "staff_already_informed", length = 8000)
    private String staffAlreadyInformed;
    @Embedded
    private EscalationSteps steps;
    @Column(name = "action_taken", length = 4000)
    private String actionTaken;
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
        this.classification = new EscalationClassification(category, severity);
        this.description = description;
        this.patientInformed = patientInformed;
        this.staffAlreadyInformed = String.join(SEPARATOR, staffAlreadyInformed);
        this.steps = new EscalationSteps(acknowledgeBy);
    }

    UUID entryId() {
        return entryId;
    }

    void overdue(Instant at) {
        steps.overdue(at);
    }

    void acknowledged(String by, Instant at, String action) {
        steps.acknowledged(by, at);
        actionTaken = action;
    }

    void resolved(String by, Instant at, String result) {
        steps.resolved(by, at);
        outcome = result;
    }

    TimelineEntry.EscalationDetails toDetails() {
        List<String> staff = staffAlreadyInformed == null || staffAlreadyInformed.isEmpty()
                ? List.of() : Arrays.asList(staffAlreadyInformed.split(SEPARATOR));
        return new TimelineEntry.EscalationDetails(classification.category(), classification.severity(), description,
                patientInformed, staff, steps.acknowledgeBy(), steps.overdueAt() != null, steps.overdueAt(),
                steps.acknowledgedAt(), steps.acknowledgedBy(), actionTaken, steps.resolvedAt(), steps.resolvedBy(),
                outcome);
    }
}
