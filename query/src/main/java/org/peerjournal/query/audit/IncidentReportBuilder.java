package org.peerjournal.query.audit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.peerjournal.query.audit.IncidentReport.ActivityKind;
import org.peerjournal.query.fold.TimelineFold;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.audit.AccessLogEntry;
import org.peerjournal.shared.conflict.LoyaltyConflictDiscussedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictFlaggedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictResolvedEvent;
import org.peerjournal.shared.journal.event.ContactNoteCorrectedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRecordedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRetractedEvent;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;
import org.peerjournal.shared.journal.query.EntryType;
import org.peerjournal.shared.journal.query.TimelineEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Walks a journal's events once and collects what the incident report shows for a window: the escalations from the
 * {@link TimelineFold} (the timeline's own definition of their lifecycle), the notes' and conflicts' activity in the
 * window from the events themselves.
 */
public final class IncidentReportBuilder {

    private final Instant from;
    private final Instant to;
    private final List<IncidentReport.Activity> notes = new ArrayList<>();
    private final List<IncidentReport.Activity> conflicts = new ArrayList<>();

    private IncidentReportBuilder(Instant from, Instant to) {
        this.from = from;
        this.to = to;
    }

    public static IncidentReport build(List<? extends DomainEventMessage<?>> events, List<AccessLogEntry> reads,
            Instant from, Instant to, Instant generatedAt, String generatedBy) {
        IncidentReportBuilder builder = new IncidentReportBuilder(from, to);
        TimelineFold fold = new TimelineFold();
        for (DomainEventMessage<?> event : events) {
            fold.apply(event.getPayload(), event.getTimestamp());
            if (builder.inWindow(event.getTimestamp())) {
                builder.activity(event);
            }
        }
        JournalOpenedEvent opened = fold.opening();
        List<IncidentReport.EscalationHistory> escalations = fold.entries(EntryType.ESCALATION).stream()
                .map(IncidentReportBuilder::history).filter(builder::touchesWindow).toList();
        return new IncidentReport(opened.journalId(), opened.teamId(), opened.displayName(), from, to, generatedAt,
                generatedBy, escalations, builder.notes, builder.conflicts, reads);
    }

    private boolean inWindow(Instant at) {
        return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    }

    private boolean touchesWindow(IncidentReport.EscalationHistory escalation) {
        return Stream.of(escalation.raised(), escalation.overdue(), escalation.acknowledged(), escalation.resolved())
                .filter(Objects::nonNull).anyMatch(step -> inWindow(step.at()));
    }

    private void activity(DomainEventMessage<?> message) {
        Object payload = message.getPayload();
        Instant at = message.getTimestamp();
        String by = ActorMetaData.from(message.getMetaData()).map(Actor::userId).orElse("unknown");
        if (payload instanceof ContactNoteRecordedEvent e) {
            notes.add(new IncidentReport.Activity(e.noteId(), ActivityKind.RECORDED, at, by, e.occurredAt(),
                    e.contactType() + ", " + e.durationMinutes() + " min" + (e.lateEntry() ? ", late entry" : ""),
                    e.text()));
        } else if (payload instanceof ContactNoteCorrectedEvent e) {
            notes.add(new IncidentReport.Activity(e.noteId(), ActivityKind.CORRECTED, at, by, null,
                    "revision " + e.revision() + ": " + e.reason(), e.text()));
        } else if (payload instanceof ContactNoteRetractedEvent e) {
            notes.add(new IncidentReport.Activity(e.noteId(), ActivityKind.RETRACTED, at, by, null, e.reason(),
                    null));
        } else if (payload instanceof LoyaltyConflictFlaggedEvent e) {
            conflicts.add(new IncidentReport.Activity(e.conflictId(), ActivityKind.FLAGGED, at, by, null,
                    e.kind() + (e.supervisionRequested() ? ", supervision requested" : ""), e.description()));
        } else if (payload instanceof LoyaltyConflictDiscussedEvent e) {
            conflicts.add(new IncidentReport.Activity(e.conflictId(), ActivityKind.DISCUSSED, at, by, null,
                    e.forum().name(), e.summary()));
        } else if (payload instanceof LoyaltyConflictResolvedEvent e) {
            conflicts.add(new IncidentReport.Activity(e.conflictId(), ActivityKind.RESOLVED, at, by, null, null,
                    e.resolution()));
        }
    }

    /** An escalation's whole lifecycle as recorded so far, with the minutes between its steps. */
    private static IncidentReport.EscalationHistory history(TimelineEntry entry) {
        TimelineEntry.EscalationDetails escalation = entry.escalation();
        IncidentReport.Step raised = new IncidentReport.Step(entry.recordedAt(), entry.author());
        // Only the service itself records an escalation as overdue.
        IncidentReport.Step overdue = step(escalation.overdueAt(), Actor.SYSTEM_USER_ID);
        IncidentReport.Step acknowledged = step(escalation.acknowledgedAt(), escalation.acknowledgedBy());
        IncidentReport.Step resolved = step(escalation.resolvedAt(), escalation.resolvedBy());
        Long raisedToAcknowledged = acknowledged == null ? null : minutes(raised.at(), acknowledged.at());
        Long late = acknowledged == null ? null
                : Math.max(0, minutes(escalation.acknowledgeBy(), acknowledged.at()));
        Long acknowledgedToResolved = acknowledged == null || resolved == null ? null
                : minutes(acknowledged.at(), resolved.at());
        return new IncidentReport.EscalationHistory(entry.entryId(), escalation.category(), escalation.severity(),
                escalation.patientInformed(), escalation.staffAlreadyInformed(), raised, escalation.acknowledgeBy(),
                overdue, acknowledged, escalation.actionTaken(), resolved, escalation.outcome(), raisedToAcknowledged,
                late, acknowledgedToResolved);
    }

    private static IncidentReport.Step step(Instant at, String by) {
        return at == null ? null : new IncidentReport.Step(at, by);
    }

    private static long minutes(Instant start, Instant end) {
        return Duration.between(start, end).toMinutes();
    }
}
