package org.peerjournal.query.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Outbound escalation notifications ({@code peerjournal.notifications.*}). A webhook URL that is not an absolute
 * http(s) URL, or one without a signing secret, stops the application at start: a notification that can never be
 * delivered, or that a receiver cannot tell from a forgery, must not wait until the first escalation to show.
 *
 * @param webhookUrl     where each escalation change is POSTed; none configured means no notifications are sent
 * @param signingSecret  the secret shared with the receiver, for the HMAC-SHA256 signature of each delivery (at
 *                       least 32 bytes); required with a webhook URL
 * @param maxAttempts    deliveries tried before a notification is marked FAILED
 * @param initialBackoff the wait before the first retry; it doubles with each further retry
 * @param timeout        how long one delivery may take
 * @param maxAge         changes older than this when first seen are not notified (e.g. a new deployment reading
 *                       old history): a stale alarm helps nobody
 */
@ConfigurationProperties("peerjournal.notifications")
public record NotificationProperties(
        URI webhookUrl,
        String signingSecret,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("PT1S") Duration initialBackoff,
        @DefaultValue("PT5S") Duration timeout,
        @DefaultValue("PT24H") Duration maxAge) {

    static final int MIN_SECRET_BYTES = 32;

    public NotificationProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("peerjournal.notifications.max-attempts must be at least 1");
        }
        if (webhookUrl != null) {
            String scheme = webhookUrl.getScheme();
            if (!webhookUrl.isAbsolute() || webhookUrl.getHost() == null
                    || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                throw new IllegalArgumentException("peerjournal.notifications.webhook-url must be an absolute http or"
                        + " https URL with a host, not '" + webhookUrl + "'");
            }
            if (signingSecret == null || signingSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("peerjournal.notifications.signing-secret of at least "
                        + MIN_SECRET_BYTES + " bytes is required with a webhook URL");
            }
        }
    }

    boolean enabled() {
        return webhookUrl != null;
    }

    /** The wait after the given number of failed attempts: initialBackoff, then twice that, and so on. */
    Duration backoffAfter(int failedAttempts) {
        return initialBackoff.multipliedBy(1L << Math.min(failedAttempts - 1, 16));
    }

    /** How long a node may take to deliver a batch it claimed before other nodes may claim it again. */
    Duration claimLease(int batch) {
        return timeout.multipliedBy(batch + 1L);
    }
}
