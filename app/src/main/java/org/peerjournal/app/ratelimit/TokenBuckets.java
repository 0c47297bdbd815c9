package org.peerjournal.app.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per key (a user, a login name) in memory: {@code capacity} tokens, refilled evenly over
 * {@code refillPeriod}. At most {@code maxKeys} buckets are kept: full buckets are dropped first (a full bucket
 * is the same as none); if every tracked key is still limited, a new key is refused until some bucket refills,
 * so flooding with new keys cannot wipe the limits of the old ones.
 */
final class TokenBuckets {

    private final double capacity;
    private final double tokensPerNano;
    private final int maxKeys;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    TokenBuckets(int capacity, Duration refillPeriod, int maxKeys, Clock clock) {
        if (capacity < 1 || refillPeriod.isZero() || refillPeriod.isNegative() || maxKeys < 1) {
            throw new IllegalArgumentException("A rate limit needs a capacity, a refill period and a key limit");
        }
        this.capacity = capacity;
        this.tokensPerNano = capacity / (double) refillPeriod.toNanos();
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /** Takes a token for the key; answers empty if there was one, else how long until there is. */
    Optional<Duration> take(String key) {
        return bucket(key).map(bucket -> bucket.take(true)).orElse(Optional.of(Duration.ofSeconds(1)));
    }

    /** Whether the key has a token, without taking it: empty if so, else how long until it has. */
    Optional<Duration> check(String key) {
        Bucket bucket = buckets.get(key);
        return bucket == null ? Optional.empty() : bucket.take(false);
    }

    int tracked() {
        return buckets.size();
    }

    private Optional<Bucket> bucket(String key) {
        Bucket existing = buckets.get(key);
        if (existing != null) {
            return Optional.of(existing);
        }
        if (buckets.size() >= maxKeys) {
            buckets.values().removeIf(Bucket::isFull);
            if (buckets.size() >= maxKeys) {
                return Optional.empty();
            }
        }
        return Optional.of(buckets.computeIfAbsent(key, k -> new Bucket(now())));
    }

    private long now() {
        Duration sinceEpoch = Duration.between(java.time.Instant.EPOCH, clock.instant());
        return sinceEpoch.toNanos();
    }

    private final class Bucket {

        private double tokens = capacity;
        private long updatedAt;

        Bucket(long now) {
            this.updatedAt = now;
        }

        synchronized Optional<Duration> take(boolean consume) {
            refill();
            if (tokens >= 1) {
                if (consume) {
                    tokens -= 1;
                }
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / tokensPerNano)));
        }

        synchronized boolean isFull() {
            refill();
            return tokens >= capacity;
        }

        private void refill() {
            long now = now();
            tokens = Math.min(capacity, tokens + (now - updatedAt) * tokensPerNano);
            updatedAt = now;
        }
    }
}
