package org.peerjournal.query.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * Outbound escalation notifications ({@code peerjournal.notifications.*}).
 *
 * @param webhookUrl     where each escalation change is POSTed; none configured means no notifications are sent
 * @param maxAttempts    deliveries tried before a notification is marked FAILED
 * @param initialBackoff the wait before the first retry; it doubles with each further retry
 * @param timeout        how long one delivery may take
 * @param maxAge         changes older than this when first seen are not notified (e.g. a new deployment reading
 *                       old history): a stale alarm helps nobody
 */
@ConfigurationProperties("peerjournal.notifications")
public record NotificationProperties(
        URI webhookUrl,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("PT1S") Duration initialBackoff,
        @DefaultValue("PT5S") Duration timeout,
        @DefaultValue("PT24H") Duration maxAge) {

    public NotificationProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("peerjournal.notifications.max-attempts must be at least 1");
        }
    }

    boolean enabled() {
        return webhookUrl != null;
    }

    /** The wait after the given number of failed attempts: initialBackoff, then twice that, and so on. */
    Duration backoffAfter(int failedAttempts) {
        return initialBackoff.multipliedBy(1L << Math.min(failedAttempts - 1, 16));
    }
}
