package org.peerjournal.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.peerjournal.shared.audit.AccessLogEntry;
import org.peerjournal.shared.escalation.EscalationCategory;
import org.peerjournal.shared.escalation.EscalationSeverity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * "Who knew what, when" for one journal and a time window, from the stored events and the access log.
 *
 * @param from {@code null}: from the journal's beginning
 * @param to   {@code null}: up to the moment the report was generated
 */
public record IncidentReport(
        UUID journalId,
        String teamId,
        String displayName,
        Instant from,
        Instant to,
        Instant generatedAt,
        String generatedBy,
        List<EscalationHistory> escalations,
        List<Activity> notes,
        List<Activity> loyaltyConflicts,
        List<AccessLogEntry> reads) {

    /**
     * An escalation with any step in the window, with its whole lifecycle as recorded so far.
     *
     * @param minutesRaisedToAcknowledged  {@code null} while unacknowledged
     * @param minutesAcknowledgedLate      how long after the deadline it was acknowledged; 0 if in time
     * @param minutesAcknowledgedToResolved {@code null} while unresolved
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EscalationHistory(
            UUID escalationId,
            EscalationCategory category,
            EscalationSeverity severity,
            boolean patientInformed,
            List<String> staffAlreadyInformed,
            Step raised,
            Instant deadline,
            Step overdue,
            Step acknowledged,
            String actionTaken,
            Step resolved,
            String outcome,
            Long minutesRaisedToAcknowledged,
            Long minutesAcknowledgedLate,
            Long minutesAcknowledgedToResolved) {
    }

    public record Step(Instant at, String by) {
    }

    public enum ActivityKind {
        RECORDED,
        CORRECTED,
        RETRACTED,
        FLAGGED,
        DISCUSSED,
        RESOLVED
    }

    /** One thing recorded in the window: a note recorded, corrected or retracted; a conflict flagged... */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Activity(UUID entryId, ActivityKind activity, Instant recordedAt, String by, Instant occurredAt,
            String detail, String text) {
    }
}
