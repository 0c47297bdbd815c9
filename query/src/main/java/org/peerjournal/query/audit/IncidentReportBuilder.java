package org.peerjournal.query.audit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.audit.AccessLogEntry;
import org.peerjournal.shared.conflict.LoyaltyConflictDiscussedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictFlaggedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictResolvedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationAcknowledgedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationOverdueEvent;
import org.peerjournal.shared.escalation.SafetyEscalationRaisedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationResolvedEvent;
import org.peerjournal.shared.journal.event.ContactNoteCorrectedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRecordedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRetractedEvent;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Walks a journal's events once and collects what the incident report shows for a window. */
final class IncidentReportBuilder {

    private final Instant from;
    private final Instant to;
    private final Map<UUID, EscalationSteps> escalations = new LinkedHashMap<>();
    private final List<IncidentReport.Activity> notes = new ArrayList<>();
    private final List<IncidentReport.Activity> conflicts = new ArrayList<>();

    private IncidentReportBuilder(Instant from, Instant to) {
        this.from = from;
        this.to = to;
    }

    static IncidentReport build(List<? extends DomainEventMessage<?>> events, List<AccessLogEntry> reads,
            Instant from, Instant to, Instant generatedAt, String generatedBy) {
        IncidentReportBuilder builder = new IncidentReportBuilder(from, to);
        events.forEach(builder::apply);
        JournalOpenedEvent opened = JournalHistory.opening(events);
        List<IncidentReport.EscalationHistory> escalations = builder.escalations.values().stream()
                .filter(EscalationSteps::touchedWindow)
                .map(EscalationSteps::toHistory).toList();
        return new IncidentReport(opened.journalId(), opened.teamId(), opened.displayName(), from, to, generatedAt,
                generatedBy, escalations, builder.notes, builder.conflicts, reads);
    }

    private boolean inWindow(Instant at) {
        return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    }

    private void apply(DomainEventMessage<?> message) {
        Object payload = message.getPayload();
        Instant at = message.getTimestamp();
        String by = ActorMetaData.from(message.getMetaData()).map(a -> a.userId()).orElse("unknown");
        if (payload instanceof SafetyEscalationRaisedEvent e) {
            escalations.put(e.escalationId(), new EscalationSteps(e, new IncidentReport.Step(at, by)));
            mark(e.escalationId(), at);
        } else if (payload instanceof SafetyEscalationOverdueEvent e) {
            step(e.escalationId(), at, steps -> steps.overdue = new IncidentReport.Step(at, by));
        } else if (payload instanceof SafetyEscalationAcknowledgedEvent e) {
            step(e.escalationId(), at, steps -> {
                steps.acknowledged = new IncidentReport.Step(at, by);
                steps.actionTaken = e.actionTaken();
            });
        } else if (payload instanceof SafetyEscalationResolvedEvent e) {
            step(e.escalationId(), at, steps -> {
                steps.resolved = new IncidentReport.Step(at, by);
                steps.outcome = e.outcome();
            });
        } else if (inWindow(at)) {
            activity(payload, at, by);
        }
    }

    private void activity(Object payload, Instant at, String by) {
        if (payload instanceof ContactNoteRecordedEvent e) {
            notes.add(new IncidentReport.Activity(e.noteId(), "RECORDED", at, by, e.occurredAt(),
                    e.contactType() + ", " + e.durationMinutes() + " min" + (e.lateEntry() ? ", late entry" : ""),
                    e.text()));
        } else if (payload instanceof ContactNoteCorrectedEvent e) {
            notes.add(new IncidentReport.Activity(e.noteId(), "CORRECTED", at, by, null,
                    "revision " + e.revision() + ": " + e.reason(), e.text()));
        } else if (payload instanceof ContactNoteRetractedEvent e) {
            notes.add(new IncidentReport.Activity(e.noteId(), "RETRACTED", at, by, null, e.reason(), null));
        } else if (payload instanceof LoyaltyConflictFlaggedEvent e) {
            conflicts.add(new IncidentReport.Activity(e.conflictId(), "FLAGGED", at, by, null,
                    e.kind() + (e.supervisionRequested() ? ", supervision requested" : ""), e.description()));
        } else if (payload instanceof LoyaltyConflictDiscussedEvent e) {
            conflicts.add(new IncidentReport.Activity(e.conflictId(), "DISCUSSED", at, by, null, e.forum().name(),
                    e.summary()));
        } else if (payload instanceof LoyaltyConflictResolvedEvent e) {
            conflicts.add(new IncidentReport.Activity(e.conflictId(), "RESOLVED", at, by, null, null,
                    e.resolution()));
        }
    }

    private void step(UUID escalationId, Instant at, java.util.function.Consumer<EscalationSteps> change) {
        EscalationSteps steps = escalations.get(escalationId);
        if (steps != null) {
            change.accept(steps);
            mark(escalationId, at);
        }
    }

    private void mark(UUID escalationId, Instant at) {
        if (inWindow(at)) {
            escalations.get(escalationId).touchedWindow = true;
        }
    }

    /** The steps of one escalation as they are found in the stream. */
    private static final class EscalationSteps {

        private final SafetyEscalationRaisedEvent raised;
        private final IncidentReport.Step raisedStep;
        private IncidentReport.Step overdue;
        private IncidentReport.Step acknowledged;
        private IncidentReport.Step resolved;
        private String actionTaken;
        private String outcome;
        private boolean touchedWindow;

        EscalationSteps(SafetyEscalationRaisedEvent raised, IncidentReport.Step raisedStep) {
            this.raised = raised;
            this.raisedStep = raisedStep;
        }

        boolean touchedWindow() {
            return touchedWindow;
        }

        IncidentReport.EscalationHistory toHistory() {
            Long raisedToAcknowledged = acknowledged == null ? null : minutes(raisedStep.at(), acknowledged.at());
            Long late = acknowledged == null ? null
                    : Math.max(0, minutes(raised.acknowledgeBy(), acknowledged.at()));
            Long acknowledgedToResolved = acknowledged == null || resolved == null ? null
                    : minutes(acknowledged.at(), resolved.at());
            return new IncidentReport.EscalationHistory(raised.escalationId(), raised.category(), raised.severity(),
                    raised.patientInformed(), raised.staffAlreadyInformed(), raisedStep, raised.acknowledgeBy(),
                    overdue, acknowledged, actionTaken, resolved, outcome, raisedToAcknowledged, late,
                    acknowledgedToResolved);
        }

        private static long minutes(Instant start, Instant end) {
            return Duration.between(start, end).toMinutes();
        }
    }
}
