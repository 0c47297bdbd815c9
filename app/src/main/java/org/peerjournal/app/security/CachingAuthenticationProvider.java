package org.peerjournal.app.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * BCrypt is slow on purpose (docs/benchmarks.md measures a check), on every Basic request. This remembers a successful check for a short
 * while, keyed by a SHA-256 of the credential (never the password itself), so repeated requests stay fast.
 * Failed checks are never cached.
 */
class CachingAuthenticationProvider implements AuthenticationProvider {

    private static final int MAX_ENTRIES = 10_000;

    private final AuthenticationProvider delegate;
    private final Duration timeToLive;
    private final Clock clock;
    private final Map<String, CachedAuthentication> cache = new ConcurrentHashMap<>();

    CachingAuthenticationProvider(AuthenticationProvider delegate, Duration timeToLive, Clock clock) {
        this.delegate = delegate;
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String key = keyOf(authentication);
        Instant now = clock.instant();
        CachedAuthentication cached = cache.get(key);
        if (cached != null && cached.validUntil().isAfter(now)) {
            return cached.authentication();
        }
        Authentication result = delegate.authenticate(authentication);
        if (result != null && result.isAuthenticated()) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(key, new CachedAuthentication(result, now.plus(timeToLive)));
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String keyOf(Authentication authentication) {
        String credential = authentication.getName() + '\u0000' + authentication.getCredentials();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(credential.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private record CachedAuthentication(Authentication authentication, Instant validUntil) {
    }
}
