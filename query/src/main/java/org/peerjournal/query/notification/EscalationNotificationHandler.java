package org.peerjournal.query.notification;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.peerjournal.shared.escalation.EscalationChange;
import org.peerjournal.shared.escalation.EscalationSeverity;
import org.peerjournal.shared.escalation.SafetyEscalationAcknowledgedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationOverdueEvent;
import org.peerjournal.shared.escalation.SafetyEscalationRaisedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationResolvedEvent;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Turns escalation changes into outbound notifications. A side effect, not a projection: it has its own
 * processing group and never runs during a replay, so rebuilding the read side never re-sends a notification.
 */
@Component
@ProcessingGroup(EscalationNotificationHandler.NAME)
@DisallowReplay
class EscalationNotificationHandler {

    static final String NAME = "escalation-notifications";

    private final NotificationOutbox outbox;
    private final NotificationProperties properties;
    private final Clock clock;

    EscalationNotificationHandler(NotificationOutbox outbox, NotificationProperties properties) {
        this.outbox = outbox;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    @EventHandler
    void on(SafetyEscalationRaisedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        notify(event.escalationId(), event.journalId(), event.teamId(), event.severity(),
                EscalationChange.RAISED, at, sequence);
    }

    @EventHandler
    void on(SafetyEscalationOverdueEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        notify(event.escalationId(), event.journalId(), event.teamId(), event.severity(),
                EscalationChange.OVERDUE, at, sequence);
    }

    @EventHandler
    void on(SafetyEscalationAcknowledgedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        notify(event.escalationId(), event.journalId(), event.teamId(), event.severity(),
                EscalationChange.ACKNOWLEDGED, at, sequence);
    }

    @EventHandler
    void on(SafetyEscalationResolvedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        notify(event.escalationId(), event.journalId(), event.teamId(), event.severity(),
                EscalationChange.RESOLVED, at, sequence);
    }

    private void notify(UUID escalationId, UUID journalId, String teamId, EscalationSeverity severity,
            EscalationChange change, Instant at, long sequence) {
        if (!properties.enabled() || severity == null || at.isBefore(clock.instant().minus(properties.maxAge()))) {
            return;
        }
        outbox.add(new EscalationNotification(UUID.randomUUID(), escalationId, journalId, teamId, severity,
                change.name(), at), sequence);
    }
}
