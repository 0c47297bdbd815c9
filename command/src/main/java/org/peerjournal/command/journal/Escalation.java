package org.peerjournal.command.journal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.EntityId;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.error.StateConflictException;
import org.peerjournal.shared.escalation.EscalationSeverity;
import org.peerjournal.shared.escalation.EscalationStatus;
import org.peerjournal.shared.escalation.SafetyEscalationAcknowledgedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationOverdueEvent;
import org.peerjournal.shared.escalation.SafetyEscalationRaisedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationResolvedEvent;

import java.time.Instant;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A safety escalation, a member of the journal aggregate: raised, possibly overdue, acknowledged, resolved.
 * It keeps what its rules need; the texts live in the events.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Escalation {

    @EntityId
    private UUID escalationId;
    private UUID journalId;
    private String teamId;
    private String raisedBy;
    private EscalationSeverity severity;
    private Instant acknowledgeBy;
    private String deadlineId;
    private EscalationStatus status;
    private boolean overdue;

    Escalation() {
        // for snapshot deserialization
    }

    Escalation(SafetyEscalationRaisedEvent event) {
        escalationId = event.escalationId();
        journalId = event.journalId();
        teamId = event.teamId();
        raisedBy = event.raisedBy();
        severity = event.severity();
        acknowledgeBy = event.acknowledgeBy();
        deadlineId = event.deadlineId();
        status = EscalationStatus.OPEN;
    }

    String deadlineId() {
        return deadlineId;
    }

    void acknowledge(Actor actor, String actionTaken) {
        JournalPolicy.mayAcknowledge(actor, raisedBy);
        if (status != EscalationStatus.OPEN) {
            throw new StateConflictException("The escalation is acknowledged already");
        }
        apply(new SafetyEscalationAcknowledgedEvent(journalId, escalationId, teamId, severity, actor.userId(),
                actionTaken, overdue));
    }

    void resolve(Actor actor, String outcome) {
        if (status == EscalationStatus.OPEN) {
            throw new StateConflictException("The escalation must be acknowledged before it is resolved");
        }
        if (status == EscalationStatus.RESOLVED) {
            throw new StateConflictException("The escalation is resolved already");
        }
        apply(new SafetyEscalationResolvedEvent(journalId, escalationId, teamId, severity, actor.userId(),
                outcome));
    }

    /** The deadline passed: record it, once, unless a clinician acknowledged in time. */
    void acknowledgementDeadlinePassed() {
        if (status != EscalationStatus.OPEN || overdue) {
            return;
        }
        apply(new SafetyEscalationOverdueEvent(journalId, escalationId, teamId, severity, acknowledgeBy),
                MetaData.from(ActorMetaData.of(Actor.system(teamId))));
    }

    @EventSourcingHandler
    void on(SafetyEscalationOverdueEvent event) {
        overdue = true;
    }

    @EventSourcingHandler
    void on(SafetyEscalationAcknowledgedEvent event) {
        status = EscalationStatus.ACKNOWLEDGED;
    }

    @EventSourcingHandler
    void on(SafetyEscalationResolvedEvent event) {
        status = EscalationStatus.RESOLVED;
    }
}
