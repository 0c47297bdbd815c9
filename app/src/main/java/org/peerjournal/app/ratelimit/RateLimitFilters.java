package org.peerjournal.app.ratelimit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.peerjournal.app.web.Problems;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The per-user rate limits of {@link RateLimitProperties}, as servlet filters around Spring Security's: failed
 * logins are counted before it (so a name over its limit is refused before its password is even checked), writes
 * after it (when the user is known). Either answers 429 problem+json with {@code Retry-After} in seconds.
 */
@Configuration
class RateLimitFilters {

    @Bean
    FilterRegistrationBean<FailedLoginLimit> failedLoginLimit(RateLimitProperties limits, ObjectMapper mapper) {
        FilterRegistrationBean<FailedLoginLimit> registration = new FilterRegistrationBean<>(new FailedLoginLimit(
                new TokenBuckets(limits.failedLogins(), limits.failedLoginWindow(), limits.maxTracked(),
                        Clock.systemUTC()), mapper));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        registration.setEnabled(limits.enabled());
        return registration;
    }

    @Bean
    FilterRegistrationBean<WriteLimit> writeLimit(RateLimitProperties limits, ObjectMapper mapper) {
        FilterRegistrationBean<WriteLimit> registration = new FilterRegistrationBean<>(new WriteLimit(
                new TokenBuckets(limits.writesPerMinute(), Duration.ofMinutes(1), limits.maxTracked(),
                        Clock.systemUTC()), mapper));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        registration.setEnabled(limits.enabled());
        return registration;
    }

    /** A filter that answers 429 from its buckets. */
    abstract static class LimitFilter extends OncePerRequestFilter {

        final TokenBuckets buckets;
        private final ObjectMapper mapper;

        LimitFilter(TokenBuckets buckets, ObjectMapper mapper) {
            this.buckets = buckets;
            this.mapper = mapper;
        }

        /** 429 problem+json, with the wait in whole seconds, rounded up, as Retry-After. */
        void tooManyRequests(HttpServletResponse response, Duration wait, String detail) throws IOException {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
            Problems.write(response, mapper, Problems.of(HttpStatus.TOO_MANY_REQUESTS, detail));
        }
    }

    /**
     * Counts the 401 answers to password logins (HTTP Basic) per user name. Bearer tokens are not counted: a
     * signed token cannot be guessed, and a refused one names no user one could trust (counting per client address
     * would lock out everyone behind the same proxy).
     */
    static final class FailedLoginLimit extends LimitFilter {

        FailedLoginLimit(TokenBuckets failures, ObjectMapper mapper) {
            super(failures, mapper);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Optional<String> login = login(request);
            if (login.isPresent()) {
                Optional<Duration> wait = buckets.check(login.get());
                if (wait.isPresent()) {
                    tooManyRequests(response, wait.get(), "Too many failed logins; try again later");
                    return;
                }
            }
            chain.doFilter(request, response);
            if (login.isPresent() && response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
                buckets.take(login.get());
            }
        }

        private static Optional<String> login(HttpServletRequest request) {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                return Optional.empty();
            }
            try {
                String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = credentials.indexOf(':');
                return Optional.of(colon < 0 ? credentials : credentials.substring(0, colon));
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
        }
    }

    /** Takes a token per write request (POST under /api) of an authenticated user. */
    static final class WriteLimit extends LimitFilter {

        WriteLimit(TokenBuckets writes, ObjectMapper mapper) {
            super(writes, mapper);
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !HttpMethod.POST.matches(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication user = SecurityContextHolder.getContext().getAuthentication();
            if (user != null && user.isAuthenticated()) {
                Optional<Duration> wait = buckets.take(user.getName());
                if (wait.isPresent()) {
                    tooManyRequests(response, wait.get(), "Too many write requests; try again later");
                    return;
                }
            }
            chain.doFilter(request, response);
        }
    }
}
