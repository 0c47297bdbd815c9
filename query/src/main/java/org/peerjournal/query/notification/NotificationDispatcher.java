package org.peerjournal.query.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Delivers due notifications from the outbox through the {@link EscalationNotifier} port, retrying with a doubling
 * backoff. A notification that still fails after the last attempt is marked FAILED (the escalation queue shows it)
 * and logged as an error. Runs on its own thread: the journal never waits for a notification. Each node claims
 * the notifications it delivers, so with several nodes each is delivered by one.
 */
@Component
class NotificationDispatcher {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final int BATCH = 20;

    private final NotificationOutbox outbox;
    private final EscalationNotifier notifier;
    private final NotificationProperties properties;
    private final Clock clock = Clock.systemUTC();

    NotificationDispatcher(NotificationOutbox outbox, EscalationNotifier notifier, NotificationProperties properties) {
        this.outbox = outbox;
        this.notifier = notifier;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${peerjournal.notifications.poll-interval-ms:500}")
    void deliverDueNotifications() {
        if (!properties.enabled()) {
            return;
        }
        Instant now = clock.instant();
        for (NotificationOutbox.PendingNotification pending
                : outbox.claimDue(now, BATCH, now.plus(properties.claimLease(BATCH)))) {
            deliver(pending);
        }
    }

    private void deliver(NotificationOutbox.PendingNotification pending) {
        EscalationNotification notification = pending.notification();
        try {
            notifier.deliver(notification);
            outbox.delivered(notification.notificationId(), clock.instant());
        } catch (NotificationDeliveryException e) {
            int failedAttempts = pending.attempts() + 1;
            if (failedAttempts >= properties.maxAttempts()) {
                outbox.failed(notification.notificationId(), e.getMessage());
                log.error("Notification {} ({} of escalation {}) FAILED after {} attempts: {}",
                        notification.notificationId(), notification.state(), notification.escalationId(),
                        failedAttempts, e.getMessage());
            } else {
                Instant next = clock.instant().plus(properties.backoffAfter(failedAttempts));
                outbox.retryLater(notification.notificationId(), next, e.getMessage());
                log.warn("Notification {} of escalation {} not delivered (attempt {}): {}; retrying at {}",
                        notification.notificationId(), notification.escalationId(), failedAttempts, e.getMessage(),
                        next);
            }
        }
    }
}
