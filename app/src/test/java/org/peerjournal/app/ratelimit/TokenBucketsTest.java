package org.peerjournal.app.ratelimit;

import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.MutableClock;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The bucket's arithmetic on a clock the test moves. */
class TokenBucketsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));

    @Test
    void aBurstOfTheCapacityThenOneTokenPerRefillStep() {
        TokenBuckets buckets = new TokenBuckets(3, Duration.ofMinutes(1), 100, clock);

        assertThat(buckets.take("anna")).isEmpty();
        assertThat(buckets.take("anna")).isEmpty();
        assertThat(buckets.take("anna")).isEmpty();
        assertThat(buckets.take("anna")).hasValue(Duration.ofSeconds(20));
        assertThat(buckets.take("bo")).as("each key has its own bucket").isEmpty();

        clock.advance(Duration.ofSeconds(19));
        assertThat(buckets.take("anna")).hasValueSatisfying(wait -> assertThat(wait).isBetween(
                Duration.ofMillis(999), Duration.ofMillis(1001)));
        clock.advance(Duration.ofSeconds(1));
        assertThat(buckets.take("anna")).isEmpty();
    }

    @Test
    void checkingDoesNotTakeAToken() {
        TokenBuckets buckets = new TokenBuckets(1, Duration.ofMinutes(10), 100, clock);

        assertThat(buckets.check("clara")).isEmpty();
        assertThat(buckets.check("clara")).isEmpty();
        buckets.take("clara");
        assertThat(buckets.check("clara")).hasValue(Duration.ofMinutes(10));
    }

    @Test
    void fullBucketsAreDroppedFirstAndLimitedKeysAreNeverForgotten() {
        TokenBuckets buckets = new TokenBuckets(1, Duration.ofMinutes(1), 2, clock);
        buckets.take("a");
        buckets.take("b");

        assertThat(buckets.take("c")).as("every tracked key is limited: a new one waits").isPresent();
        assertThat(buckets.check("a")).isPresent();

        clock.advance(Duration.ofSeconds(60));
        assertThat(buckets.take("c")).as("a and b have refilled and make room").isEmpty();
        assertThat(buckets.tracked()).isEqualTo(1);
    }
}
