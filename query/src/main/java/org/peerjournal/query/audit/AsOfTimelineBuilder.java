package org.peerjournal.query.audit;

import org.axonframework.eventhandling.DomainEventMessage;
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
import org.peerjournal.shared.journal.query.JournalTimeline;
import org.peerjournal.shared.journal.query.TimelineEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rebuilds a journal's timeline from its events, stopping at {@code asOf}: what anyone could have known then.
 * Independent of the timeline projection on purpose, so an auditor's view does not depend on the read side being
 * correct. Retracted notes are included (marked), as auditors see everything.
 */
final class AsOfTimelineBuilder {

    private final Map<UUID, TimelineEntry> entries = new LinkedHashMap<>();
    private String displayName;
    private String teamId;
    private UUID journalId;

    static JournalTimeline build(List<? extends DomainEventMessage<?>> events, Instant asOf) {
        AsOfTimelineBuilder builder = new AsOfTimelineBuilder();
        // Named from the opening event whatever asOf is: before the journal was opened it is this journal, empty.
        builder.apply(events.get(0));
        events.stream().skip(1).filter(event -> !event.getTimestamp().isAfter(asOf)).forEach(builder::apply);
        List<TimelineEntry> newestFirst = builder.entries.values().stream()
                .sorted(Comparator.comparing(TimelineEntry::occurredAt).thenComparing(TimelineEntry::recordedAt)
                        .reversed())
                .toList();
        return new JournalTimeline(builder.journalId, builder.displayName, builder.teamId, newestFirst, 0,
                newestFirst.size(), newestFirst.size());
    }

    private void apply(DomainEventMessage<?> message) {
        Object payload = message.getPayload();
        Instant at = message.getTimestamp();
        if (payload instanceof JournalOpenedEvent e) {
            journalId = e.journalId();
            displayName = e.displayName();
            teamId = e.teamId();
        } else if (payload instanceof ContactNoteRecordedEvent e) {
            entries.put(e.noteId(), new TimelineEntry(e.noteId(), EntryType.NOTE, e.occurredAt(), at, e.authorId(),
                    "RECORDED", e.contactType(), e.durationMinutes(), e.text(), 1,
                    List.of(new TimelineEntry.NoteRevision(1, e.text(), e.authorId(), at, null)), false,
                    e.lateEntry(), null, null, null));
        } else if (payload instanceof ContactNoteCorrectedEvent e) {
            change(e.noteId(), n -> {
                List<TimelineEntry.NoteRevision> revisions = new ArrayList<>(n.revisions());
                revisions.add(new TimelineEntry.NoteRevision(e.revision(), e.text(), e.correctedBy(), at,
                        e.reason()));
                return new TimelineEntry(n.entryId(), n.type(), n.occurredAt(), n.recordedAt(), n.author(),
                        n.retracted() ? "RETRACTED" : "CORRECTED", n.contactType(), n.durationMinutes(), e.text(),
                        e.revision(), List.copyOf(revisions), n.retracted(), n.lateEntry(), n.retraction(), null,
                        null);
            });
        } else if (payload instanceof ContactNoteRetractedEvent e) {
            change(e.noteId(), n -> new TimelineEntry(n.entryId(), n.type(), n.occurredAt(), n.recordedAt(),
                    n.author(), "RETRACTED", n.contactType(), n.durationMinutes(), n.text(), n.revision(),
                    n.revisions(), true, n.lateEntry(), new TimelineEntry.Retraction(e.reason(), e.retractedBy(), at),
                    null, null));
        } else {
            applyEscalationOrConflict(payload, at);
        }
    }

    private void applyEscalationOrConflict(Object payload, Instant at) {
        if (payload instanceof SafetyEscalationRaisedEvent e) {
            entries.put(e.escalationId(), escalationEntry(e.escalationId(), at, e.raisedBy(), EscalationStatus.OPEN,
                    new TimelineEntry.EscalationDetails(e.category(), e.severity(), e.description(),
                            e.patientInformed(), e.staffAlreadyInformed(), e.acknowledgeBy(), false, null, null, null,
                            null, null, null, null)));
        } else if (payload instanceof SafetyEscalationOverdueEvent e) {
            changeEscalation(e.escalationId(), null, d -> new TimelineEntry.EscalationDetails(d.category(),
                    d.severity(), d.description(), d.patientInformed(), d.staffAlreadyInformed(), d.acknowledgeBy(),
                    true, at, d.acknowledgedAt(), d.acknowledgedBy(), d.actionTaken(), d.resolvedAt(),
                    d.resolvedBy(), d.outcome()));
        } else if (payload instanceof SafetyEscalationAcknowledgedEvent e) {
            changeEscalation(e.escalationId(), EscalationStatus.ACKNOWLEDGED, d -> new TimelineEntry.EscalationDetails(
                    d.category(), d.severity(), d.description(), d.patientInformed(), d.staffAlreadyInformed(),
                    d.acknowledgeBy(), d.overdue(), d.overdueAt(), at, e.acknowledgedBy(), e.actionTaken(), null,
                    null, null));
        } else if (payload instanceof SafetyEscalationResolvedEvent e) {
            changeEscalation(e.escalationId(), EscalationStatus.RESOLVED, d -> new TimelineEntry.EscalationDetails(
                    d.category(), d.severity(), d.description(), d.patientInformed(), d.staffAlreadyInformed(),
                    d.acknowledgeBy(), d.overdue(), d.overdueAt(), d.acknowledgedAt(), d.acknowledgedBy(),
                    d.actionTaken(), at, e.resolvedBy(), e.outcome()));
        } else if (payload instanceof LoyaltyConflictFlaggedEvent e) {
            entries.put(e.conflictId(), new TimelineEntry(e.conflictId(), EntryType.LOYALTY_CONFLICT, at, at,
                    e.flaggedBy(), "OPEN", null, null, null, null, null, null, null, null, null,
                    new TimelineEntry.LoyaltyConflictDetails(e.kind(), e.description(), e.patientPerspective(),
                            e.staffPerspective(), e.supervisionRequested(), List.of(), null, null, null)));
        } else if (payload instanceof LoyaltyConflictDiscussedEvent e) {
            changeConflict(e.conflictId(), "OPEN", c -> {
                List<TimelineEntry.Discussion> discussions = new ArrayList<>(c.discussions());
                discussions.add(new TimelineEntry.Discussion(e.discussionId(), e.forum(), e.summary(),
                        e.discussedBy(), at));
                return new TimelineEntry.LoyaltyConflictDetails(c.kind(), c.description(), c.patientPerspective(),
                        c.staffPerspective(), c.supervisionRequested(), List.copyOf(discussions), null, null, null);
            });
        } else if (payload instanceof LoyaltyConflictResolvedEvent e) {
            changeConflict(e.conflictId(), "RESOLVED", c -> new TimelineEntry.LoyaltyConflictDetails(c.kind(),
                    c.description(), c.patientPerspective(), c.staffPerspective(), c.supervisionRequested(),
                    c.discussions(), e.resolution(), e.resolvedBy(), at));
        }
    }

    private static TimelineEntry escalationEntry(UUID id, Instant raisedAt, String raisedBy, EscalationStatus status,
            TimelineEntry.EscalationDetails details) {
        return new TimelineEntry(id, EntryType.ESCALATION, raisedAt, raisedAt, raisedBy, status.name(), null, null,
                null, null, null, null, null, null, details, null);
    }

    private void change(UUID id, java.util.function.UnaryOperator<TimelineEntry> change) {
        entries.computeIfPresent(id, (key, entry) -> change.apply(entry));
    }

    private void changeEscalation(UUID id, EscalationStatus status,
            java.util.function.UnaryOperator<TimelineEntry.EscalationDetails> change) {
        change(id, entry -> escalationEntry(id, entry.occurredAt(), entry.author(),
                status == null ? EscalationStatus.valueOf(entry.status()) : status, change.apply(entry.escalation())));
    }

    private void changeConflict(UUID id, String status,
            java.util.function.UnaryOperator<TimelineEntry.LoyaltyConflictDetails> change) {
        change(id, entry -> new TimelineEntry(id, EntryType.LOYALTY_CONFLICT, entry.occurredAt(), entry.recordedAt(),
                entry.author(), status, null, null, null, null, null, null, null, null, null,
                change.apply(entry.loyaltyConflict())));
    }
}
