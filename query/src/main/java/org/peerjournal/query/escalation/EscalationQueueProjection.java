package org.peerjournal.query.escalation;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.peerjournal.query.notification.NotificationStates;
import org.peerjournal.query.projection.ProjectionTables;
import org.peerjournal.query.projection.ReadModel;
import org.peerjournal.query.projection.ReadModel.Measure;
import org.peerjournal.query.projection.ReadModelProjection;
import org.peerjournal.shared.escalation.EscalationView;
import org.peerjournal.shared.escalation.FindEscalationsQuery;
import org.peerjournal.shared.escalation.SafetyEscalationAcknowledgedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationOverdueEvent;
import org.peerjournal.shared.escalation.SafetyEscalationRaisedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationResolvedEvent;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The escalation queue of each team, and the live updates of the escalation stream: every change is emitted to
 * the subscription queries of the escalation's team once the projection's transaction commits (never during a
 * replay, which only rebuilds the table).
 */
@Component
@ProcessingGroup(EscalationQueueProjection.NAME)
class EscalationQueueProjection extends ReadModelProjection {

    static final String NAME = "escalation-queue";
    static final ReadModel READ_MODEL = ReadModel.of(NAME, "escalation_queue")
            .counts(SafetyEscalationRaisedEvent.class, Measure.rows("escalation_queue"))
            .counts(SafetyEscalationOverdueEvent.class, Measure.rows("escalation_queue", "overdue = true"))
            .counts(SafetyEscalationAcknowledgedEvent.class,
                    Measure.rows("escalation_queue", "acknowledged_at is not null"))
            .counts(SafetyEscalationResolvedEvent.class, Measure.rows("escalation_queue", "resolved_at is not null"));

    private final EscalationQueueRepository queue;
    private final QueryUpdateEmitter updates;
    private final NotificationStates notificationStates;

    EscalationQueueProjection(EscalationQueueRepository queue, QueryUpdateEmitter updates,
            NotificationStates notificationStates, ProjectionTables tables) {
        super(READ_MODEL, tables);
        this.queue = queue;
        this.updates = updates;
        this.notificationStates = notificationStates;
    }

    @EventHandler
    void on(SafetyEscalationRaisedEvent event, @Timestamp Instant raisedAt, ReplayStatus replay) {
        EscalationQueueEntry entry = queue.save(new EscalationQueueEntry(event.escalationId(), event.journalId(),
                event.teamId(), event.category(), event.severity(), raisedAt, event.raisedBy(),
                event.acknowledgeBy()));
        announce(entry, event.teamId(), replay);
    }

    @EventHandler
    void on(SafetyEscalationOverdueEvent event, @Timestamp Instant at, ReplayStatus replay) {
        change(event.escalationId(), event.teamId(), replay, entry -> entry.overdue(at));
    }

    @EventHandler
    void on(SafetyEscalationAcknowledgedEvent event, @Timestamp Instant at, ReplayStatus replay) {
        change(event.escalationId(), event.teamId(), replay, entry -> entry.acknowledged(event.acknowledgedBy(), at));
    }

    @EventHandler
    void on(SafetyEscalationResolvedEvent event, @Timestamp Instant at, ReplayStatus replay) {
        change(event.escalationId(), event.teamId(), replay, entry -> entry.resolved(event.resolvedBy(), at));
    }

    @QueryHandler
    List<EscalationView> handle(FindEscalationsQuery query) {
        List<EscalationQueueEntry> entries = queue.queueOf(query.teamId(), query.status());
        Map<UUID, String> states = notificationStates.of(entries.stream().map(EscalationQueueEntry::escalationId)
                .toList());
        return entries.stream()
                .map(entry -> entry.toView(states.getOrDefault(entry.escalationId(), NotificationStates.NONE)))
                .toList();
    }

    private void change(UUID escalationId, String teamId, ReplayStatus replay,
            Consumer<EscalationQueueEntry> change) {
        queue.findById(escalationId).ifPresent(entry -> {
            change.accept(entry);
            announce(entry, teamId, replay);
        });
    }

    private void announce(EscalationQueueEntry entry, String teamId, ReplayStatus replay) {
        if (replay.isReplay()) {
            return;
        }
        EscalationView view = entry.toView(NotificationStates.NONE);
        updates.emit(FindEscalationsQuery.class, query -> query.teamId().equals(teamId), view);
    }
}
