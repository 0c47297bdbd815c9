package org.peerjournal.app.security;

import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.MutableClock;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingAuthenticationProviderTest {

    private final AtomicInteger checks = new AtomicInteger();
    private final AuthenticationProvider passwords = new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication authentication) {
            checks.incrementAndGet();
            if (!"anna-demo".equals(authentication.getCredentials())) {
                throw new BadCredentialsException("bad");
            }
            return UsernamePasswordAuthenticationToken.authenticated("anna", null, List.of());
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return true;
        }
    };

    @Test
    void aSuccessfulCheckIsRememberedUntilItExpires() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        CachingAuthenticationProvider provider = new CachingAuthenticationProvider(passwords,
                Duration.ofMinutes(5), clock);

        provider.authenticate(login("anna-demo"));
        provider.authenticate(login("anna-demo"));
        assertThat(checks).hasValue(1);

        clock.advance(Duration.ofMinutes(6));
        provider.authenticate(login("anna-demo"));
        assertThat(checks).hasValue(2);
    }

    @Test
    void aFailedCheckIsNeverRemembered() {
        CachingAuthenticationProvider provider = new CachingAuthenticationProvider(passwords,
                Duration.ofMinutes(5), new MutableClock(Instant.parse("2026-11-25T10:00:00Z")));

        assertThatThrownBy(() -> provider.authenticate(login("guess"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(login("guess"))).isInstanceOf(BadCredentialsException.class);
        assertThat(checks).hasValue(2);
    }

    @Test
    void aRememberedLoginDoesNotOpenTheDoorToAnotherPassword() {
        CachingAuthenticationProvider provider = new CachingAuthenticationProvider(passwords,
                Duration.ofMinutes(5), new MutableClock(Instant.parse("2026-11-25T10:00:00Z")));

        provider.authenticate(login("anna-demo"));

        assertThatThrownBy(() -> provider.authenticate(login("anna-demo2")))
                .isInstanceOf(BadCredentialsException.class);
    }

    private static Authentication login(String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated("anna", password);
    }
}
