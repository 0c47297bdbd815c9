package org.peerjournal.app.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Per-user limits ({@code peerjournal.rate-limits.*}), kept in each node's memory: with N nodes behind a load
 * balancer a user gets up to N times the limit. They stop a runaway client or a password guesser, not a
 * distributed attack (that is the reverse proxy's job).
 *
 * @param writesPerMinute   write requests (POST) per user: a burst of this many, refilled at this rate
 * @param failedLogins      failed password logins per user name before further attempts are refused with 429,
 *                          even with the right password, for a while (refused bearer tokens are not counted)
 * @param failedLoginWindow the failed-login allowance refills over this time
 * @param maxTracked        how many users and names each limit tracks at most (bounds the memory used)
 */
@ConfigurationProperties("peerjournal.rate-limits")
record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("120") int writesPerMinute,
        @DefaultValue("10") int failedLogins,
        @DefaultValue("PT15M") Duration failedLoginWindow,
        @DefaultValue("10000") int maxTracked) {
}
