package org.peerjournal.query.notification;

/** The one outbound port for escalation notifications. */
public interface EscalationNotifier {

    /** Delivers one notification, or throws if it could not be delivered (it will be retried). */
    void deliver(EscalationNotification notification) throws NotificationDeliveryException;
}
