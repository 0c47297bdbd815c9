package org.peerjournal.shared.journal.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.peerjournal.shared.conflict.ConflictKind;
import org.peerjournal.shared.conflict.DiscussionForum;
import org.peerjournal.shared.escalation.EscalationCategory;
import org.peerjournal.shared.escalation.EscalationSeverity;
import org.peerjournal.shared.journal.ContactType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One entry of a timeline. The common fields come first; the note fields are empty for other entry types.
 *
 * @param recordedAt when the entry was first stored
 * @param author     who first recorded it
 * @param retraction present only on a retracted note
 * @param escalation present only on an escalation: its whole lifecycle
 * @param loyaltyConflict present only on a loyalty conflict: both perspectives, discussions, resolution
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineEntry(
        UUID entryId,
        EntryType type,
        Instant occurredAt,
        Instant recordedAt,
        String author,
        String status,
        ContactType contactType,
        Integer durationMinutes,
        String text,
        Integer revision,
        List<NoteRevision> revisions,
        Boolean retracted,
        Boolean lateEntry,
        Retraction retraction,
        EscalationDetails escalation,
        LoyaltyConflictDetails loyaltyConflict) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NoteRevision(int revision, String text, String author, Instant recordedAt, String reason) {
    }

    public record Retraction(String reason, String retractedBy, Instant retractedAt) {
    }

    /** A loyalty conflict with everything said about it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LoyaltyConflictDetails(
            ConflictKind kind,
            String description,
            String patientPerspective,
            String staffPerspective,
            boolean supervisionRequested,
            List<Discussion> discussions,
            String resolution,
            String resolvedBy,
            Instant resolvedAt) {
    }

    public record Discussion(UUID discussionId, DiscussionForum forum, String summary, String discussedBy,
            Instant discussedAt) {
    }

    /** An escalation from raising to resolution: who did each step, and when. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EscalationDetails(
            EscalationCategory category,
            EscalationSeverity severity,
            String description,
            boolean patientInformed,
            List<String> staffAlreadyInformed,
            Instant acknowledgeBy,
            boolean overdue,
            Instant overdueAt,
            Instant acknowledgedAt,
            String acknowledgedBy,
            String actionTaken,
            Instant resolvedAt,
            String resolvedBy,
            String outcome) {
    }
}
