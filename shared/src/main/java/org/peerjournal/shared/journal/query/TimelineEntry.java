package org.peerjournal.shared.journal.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.peerjournal.shared.conflict.ConflictKind;
import org.peerjournal.shared.conflict.ConflictStatus;
import org.peerjournal.shared.conflict.DiscussionForum;
import org.peerjournal.shared.escalation.EscalationCategory;
import org.peerjournal.shared.escalation.EscalationSeverity;
import org.peerjournal.shared.escalation.EscalationStatus;
import org.peerjournal.shared.journal.ContactType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One entry of a timeline. The common fields come first; the note fields are empty for other entry types. Build one
 * with the factory of its type ({@link #note}, {@link #escalation}, {@link #loyaltyConflict}).
 *
 * @param status     the name of a {@link NoteStatus}, an {@link EscalationStatus} or a {@link ConflictStatus},
 *                   according to the type
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

    /** A note: {@code retraction} is {@code null} unless it was retracted. */
    public static TimelineEntry note(UUID noteId, Instant occurredAt, Instant recordedAt, String author,
            NoteStatus status, ContactType contactType, int durationMinutes, String text, int revision,
            List<NoteRevision> revisions, boolean lateEntry, Retraction retraction) {
        return new TimelineEntry(noteId, EntryType.NOTE, occurredAt, recordedAt, author, status.name(), contactType,
                durationMinutes, text, revision, revisions, retraction != null, lateEntry, retraction, null, null);
    }

    /** An escalation "occurred" when it was raised. */
    public static TimelineEntry escalation(UUID escalationId, Instant raisedAt, String raisedBy,
            EscalationStatus status, EscalationDetails details) {
        return new TimelineEntry(escalationId, EntryType.ESCALATION, raisedAt, raisedAt, raisedBy, status.name(),
                null, null, null, null, null, null, null, null, details, null);
    }

    /** A loyalty conflict "occurred" when it was flagged. */
    public static TimelineEntry loyaltyConflict(UUID conflictId, Instant flaggedAt, String flaggedBy,
            ConflictStatus status, LoyaltyConflictDetails details) {
        return new TimelineEntry(conflictId, EntryType.LOYALTY_CONFLICT, flaggedAt, flaggedAt, flaggedBy,
                status.name(), null, null, null, null, null, null, null, null, null, details);
    }

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

        public static LoyaltyConflictDetails flagged(ConflictKind kind, String description,
                String patientPerspective, String staffPerspective, boolean supervisionRequested) {
            return new LoyaltyConflictDetails(kind, description, patientPerspective, staffPerspective,
                    supervisionRequested, List.of(), null, null, null);
        }

        public LoyaltyConflictDetails discussed(Discussion discussion) {
            List<Discussion> all = new ArrayList<>(discussions);
            all.add(discussion);
            return new LoyaltyConflictDetails(kind, description, patientPerspective, staffPerspective,
                    supervisionRequested, List.copyOf(all), resolution, resolvedBy, resolvedAt);
        }

        public LoyaltyConflictDetails resolved(String resolution, String resolvedBy, Instant resolvedAt) {
            return new LoyaltyConflictDetails(kind, description, patientPerspective, staffPerspective,
                    supervisionRequested, discussions, resolution, resolvedBy, resolvedAt);
        }
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

        public static EscalationDetails raised(EscalationCategory category, EscalationSeverity severity,
                String description, boolean patientInformed, List<String> staffAlreadyInformed,
                Instant acknowledgeBy) {
            return new EscalationDetails(category, severity, description, patientInformed, staffAlreadyInformed,
                    acknowledgeBy, false, null, null, null, null, null, null, null);
        }

        public EscalationDetails overdue(Instant at) {
            return new EscalationDetails(category, severity, description, patientInformed, staffAlreadyInformed,
                    acknowledgeBy, true, at, acknowledgedAt, acknowledgedBy, actionTaken, resolvedAt, resolvedBy,
                    outcome);
        }

        public EscalationDetails acknowledged(Instant at, String by, String action) {
            return new EscalationDetails(category, severity, description, patientInformed, staffAlreadyInformed,
                    acknowledgeBy, overdue, overdueAt, at, by, action, resolvedAt, resolvedBy, outcome);
        }

        public EscalationDetails resolved(Instant at, String by, String result) {
            return new EscalationDetails(category, severity, description, patientInformed, staffAlreadyInformed,
                    acknowledgeBy, overdue, overdueAt, acknowledgedAt, acknowledgedBy, actionTaken, at, by, result);
        }
    }
}
