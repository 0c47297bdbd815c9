package org.peerjournal.query.fold;

import org.peerjournal.shared.conflict.ConflictStatus;
import org.peerjournal.shared.conflict.LoyaltyConflictDiscussedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictFlaggedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictResolvedEvent;
import org.peerjournal.shared.escalation.EscalationStatus;
import org.peerjournal.shared.escalation.SafetyEscalationAcknowledgedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationOverdueEvent;
import org.peerjournal.shared.escalation.SafetyEscalationRaisedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationResolvedEvent;
import org.peerjournal.shared.journal.event.ContactNoteCorrectedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRecordedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRetractedEvent;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;
import org.peerjournal.shared.journal.query.EntryType;
import org.peerjournal.shared.journal.query.NoteStatus;
import org.peerjournal.shared.journal.query.TimelineEntry;
import org.peerjournal.shared.journal.query.TimelineEntry.Discussion;
import org.peerjournal.shared.journal.query.TimelineEntry.EscalationDetails;
import org.peerjournal.shared.journal.query.TimelineEntry.LoyaltyConflictDetails;
import org.peerjournal.shared.journal.query.TimelineEntry.NoteRevision;
import org.peerjournal.shared.journal.query.TimelineEntry.Retraction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The one definition of how a journal's events become its timeline entries: a pure fold, event by event, in stream
 * order, with no store behind it. The as-of view and the incident report are built with it from the stored events;
 * the timeline projection keeps the same entries in tables, and {@code TimelineFoldMatchesProjectionIT} proves the
 * two agree over random histories of every event type.
 */
public final class TimelineFold {

    /** The timeline's order: newest contact first; the projection sorts by the same columns. */
    public static final Comparator<TimelineEntry> NEWEST_FIRST = Comparator.comparing(TimelineEntry::occurredAt)
            .thenComparing(TimelineEntry::recordedAt).thenComparing(TimelineEntry::entryId).reversed();

    private final Map<UUID, TimelineEntry> entries = new LinkedHashMap<>();
    private JournalOpenedEvent opening;

    /**
     * @param event      an event of the journal's stream; events that make no timeline entry are ignored
     * @param recordedAt when the event was stored (its timestamp)
     */
    public TimelineFold apply(Object event, Instant recordedAt) {
        if (event instanceof JournalOpenedEvent e) {
            opening = e;
        } else if (event instanceof ContactNoteRecordedEvent e) {
            entries.put(e.noteId(), TimelineEntry.note(e.noteId(), e.occurredAt(), recordedAt, e.authorId(),
                    NoteStatus.RECORDED, e.contactType(), e.durationMinutes(), e.text(), 1,
                    List.of(new NoteRevision(1, e.text(), e.authorId(), recordedAt, null)), e.lateEntry(), null));
        } else if (event instanceof ContactNoteCorrectedEvent e) {
            change(e.noteId(), note -> corrected(note,
                    new NoteRevision(e.revision(), e.text(), e.correctedBy(), recordedAt, e.reason())));
        } else if (event instanceof ContactNoteRetractedEvent e) {
            change(e.noteId(), note -> retracted(note, new Retraction(e.reason(), e.retractedBy(), recordedAt)));
        } else {
            applyEscalationOrConflict(event, recordedAt);
        }
        return this;
    }

    private void applyEscalationOrConflict(Object event, Instant at) {
        if (event instanceof SafetyEscalationRaisedEvent e) {
            entries.put(e.escalationId(), TimelineEntry.escalation(e.escalationId(), at, e.raisedBy(),
                    EscalationStatus.OPEN, EscalationDetails.raised(e.category(), e.severity(), e.description(),
                            e.patientInformed(), e.staffAlreadyInformed(), e.acknowledgeBy())));
        } else if (event instanceof SafetyEscalationOverdueEvent e) {
            changeEscalation(e.escalationId(), null, details -> details.overdue(at));
        } else if (event instanceof SafetyEscalationAcknowledgedEvent e) {
            changeEscalation(e.escalationId(), EscalationStatus.ACKNOWLEDGED,
                    details -> details.acknowledged(at, e.acknowledgedBy(), e.actionTaken()));
        } else if (event instanceof SafetyEscalationResolvedEvent e) {
            changeEscalation(e.escalationId(), EscalationStatus.RESOLVED,
                    details -> details.resolved(at, e.resolvedBy(), e.outcome()));
        } else if (event instanceof LoyaltyConflictFlaggedEvent e) {
            entries.put(e.conflictId(), TimelineEntry.loyaltyConflict(e.conflictId(), at, e.flaggedBy(),
                    ConflictStatus.OPEN, LoyaltyConflictDetails.flagged(e.kind(), e.description(),
                            e.patientPerspective(), e.staffPerspective(), e.supervisionRequested())));
        } else if (event instanceof LoyaltyConflictDiscussedEvent e) {
            changeConflict(e.conflictId(), null, details -> details.discussed(
                    new Discussion(e.discussionId(), e.forum(), e.summary(), e.discussedBy(), at)));
        } else if (event instanceof LoyaltyConflictResolvedEvent e) {
            changeConflict(e.conflictId(), ConflictStatus.RESOLVED,
                    details -> details.resolved(e.resolution(), e.resolvedBy(), at));
        }
    }

    /** The journal's opening event, or {@code null} before it was applied. */
    public JournalOpenedEvent opening() {
        return opening;
    }

    /** Every entry, in the order it was first recorded. */
    public List<TimelineEntry> entries() {
        return List.copyOf(entries.values());
    }

    public List<TimelineEntry> entries(EntryType type) {
        return entries.values().stream().filter(entry -> entry.type() == type).toList();
    }

    public List<TimelineEntry> newestFirst() {
        return entries.values().stream().sorted(NEWEST_FIRST).toList();
    }

    private static TimelineEntry corrected(TimelineEntry note, NoteRevision revision) {
        List<NoteRevision> revisions = new ArrayList<>(note.revisions());
        revisions.add(revision);
        // A correction of a retracted note (the aggregate refuses one) would not bring it back.
        NoteStatus status = note.retraction() != null ? NoteStatus.RETRACTED : NoteStatus.CORRECTED;
        return TimelineEntry.note(note.entryId(), note.occurredAt(), note.recordedAt(), note.author(), status,
                note.contactType(), note.durationMinutes(), revision.text(), revision.revision(),
                List.copyOf(revisions), note.lateEntry(), note.retraction());
    }

    private static TimelineEntry retracted(TimelineEntry note, Retraction retraction) {
        return TimelineEntry.note(note.entryId(), note.occurredAt(), note.recordedAt(), note.author(),
                NoteStatus.RETRACTED, note.contactType(), note.durationMinutes(), note.text(), note.revision(),
                note.revisions(), note.lateEntry(), retraction);
    }

    /** @param status the new status, or {@code null} to keep it (being overdue is a flag, not a status) */
    private void changeEscalation(UUID id, EscalationStatus status, UnaryOperator<EscalationDetails> change) {
        change(id, entry -> TimelineEntry.escalation(id, entry.occurredAt(), entry.author(),
                status == null ? EscalationStatus.valueOf(entry.status()) : status,
                change.apply(entry.escalation())));
    }

    /** @param status the new status, or {@code null} to keep it */
    private void changeConflict(UUID id, ConflictStatus status, UnaryOperator<LoyaltyConflictDetails> change) {
        change(id, entry -> TimelineEntry.loyaltyConflict(id, entry.occurredAt(), entry.author(),
                status == null ? ConflictStatus.valueOf(entry.status()) : status,
                change.apply(entry.loyaltyConflict())));
    }

    private void change(UUID id, UnaryOperator<TimelineEntry> change) {
        entries.computeIfPresent(id, (key, entry) -> change.apply(entry));
    }
}
