package org.peerjournal.query.notification;

/** A delivery attempt failed; the message says why in words fit for an operator's log. */
public class NotificationDeliveryException extends Exception {

    public NotificationDeliveryException(String message) {
        super(message);
    }

    public NotificationDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
