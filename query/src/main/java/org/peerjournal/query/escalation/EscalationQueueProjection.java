package org.peerjournal.query.escalation;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.peerjournal.query.notification.NotificationStates;
import org.peerjournal.query.projection.Pages;
import org.peerjournal.query.projection.ProjectionTables;
import org.peerjournal.query.projection.ReadModel;
import org.peerjournal.query.projection.ReadModel.Measure;
import org.peerjournal.query.projection.ReadModelProjection;
import org.peerjournal.query.stream.EscalationChangeFeed;
import org.peerjournal.shared.escalation.EscalationView;
import org.peerjournal.shared.escalation.EscalationViewPage;
import org.peerjournal.shared.escalation.FindEscalationQueuePageQuery;
import org.peerjournal.shared.escalation.FindEscalationsQuery;
import org.peerjournal.shared.escalation.SafetyEscalationAcknowledgedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationOverdueEvent;
import org.peerjournal.shared.escalation.SafetyEscalationRaisedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationResolvedEvent;
import org.peerjournal.shared.journal.JournalLimits;
import org.peerjournal.shared.paging.PageRequest;
import org.springframework.data.domain.Slice;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The escalation queue of each team, and the live updates of the escalation streams: every change is published
 * to the {@link EscalationChangeFeed}, which hands it to the streams of every node once the projection's
 * transaction commits (never during a replay, which only rebuilds the table).
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
    private final EscalationChangeFeed changes;
    private final NotificationStates notificationStates;

    EscalationQueueProjection(EscalationQueueRepository queue, EscalationChangeFeed changes,
            NotificationStates notificationStates, ProjectionTables tables) {
        super(READ_MODEL, tables);
        this.queue = queue;
        this.changes = changes;
        this.notificationStates = notificationStates;
    }

    @EventHandler
    void on(SafetyEscalationRaisedEvent event, @Timestamp Instant raisedAt, ReplayStatus replay) {
        EscalationQueueRecord entry = queue.save(new EscalationQueueRecord(event.escalationId(), event.journalId(),
                event.teamId(), event.category(), event.severity(), raisedAt, event.raisedBy(),
                event.acknowledgeBy()));
        announce(entry, replay);
    }

    @EventHandler
    void on(SafetyEscalationOverdueEvent event, @Timestamp Instant at, ReplayStatus replay) {
        change(event.escalationId(), replay, entry -> entry.overdue(at));
    }

    @EventHandler
    void on(SafetyEscalationAcknowledgedEvent event, @Timestamp Instant at, ReplayStatus replay) {
        change(event.escalationId(), replay, entry -> entry.acknowledged(event.acknowledgedBy(), at));
    }

    @EventHandler
    void on(SafetyEscalationResolvedEvent event, @Timestamp Instant at, ReplayStatus replay) {
        change(event.escalationId(), replay, entry -> entry.resolved(event.resolvedBy(), at));
    }

    @QueryHandler
    EscalationViewPage handle(FindEscalationQueuePageQuery query) {
        return Pages.read(query.page(), page -> views(queue.queueOf(query.teamId(), query.status(), page)),
                EscalationViewPage::new);
    }

    /** A live stream's subscription; its initial answer (unused by the stream) is bounded to the first page. */
    @QueryHandler
    List<EscalationView> handle(FindEscalationsQuery query) {
        return views(queue.queueOf(query.teamId(), query.status(),
                Pages.of(new PageRequest(0, JournalLimits.MAX_PAGE_SIZE)))).getContent();
    }

    private Slice<EscalationView> views(Slice<EscalationQueueRecord> entries) {
        Map<UUID, String> states = notificationStates.of(entries.stream().map(EscalationQueueRecord::escalationId)
                .toList());
        return entries.map(entry -> entry.toView(states.getOrDefault(entry.escalationId(), NotificationStates.NONE)));
    }

    private void change(UUID escalationId, ReplayStatus replay, Consumer<EscalationQueueRecord> change) {
        queue.findById(escalationId).ifPresent(entry -> {
            change.accept(entry);
            announce(entry, replay);
        });
    }

    private void announce(EscalationQueueRecord entry, ReplayStatus replay) {
        if (replay.isReplay()) {
            return;
        }
        changes.publish(entry.toView(NotificationStates.NONE));
    }
}
