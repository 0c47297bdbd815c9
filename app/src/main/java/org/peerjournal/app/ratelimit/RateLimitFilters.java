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
 * after it (when the user is known). The API's answer is 429 problem+json with {@code Retry-After} in seconds; the
 * web app's sign-in form is sent back to the sign-in page, which says so.
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

    /** The wait in whole seconds, rounded up, at least one. */
    static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    /** A filter that answers 429 from its buckets. */
    abstract static class LimitFilter extends OncePerRequestFilter {

        final TokenBuckets buckets;
        private final ObjectMapper mapper;

        LimitFilter(TokenBuckets buckets, ObjectMapper mapper) {
            this.buckets = buckets;
            this.mapper = mapper;
        }

        /** 429 problem+json, with the wait as Retry-After. */
        void tooManyRequests(HttpServletResponse response, Duration wait, String detail) throws IOException {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(wait)));
            Problems.write(response, mapper, Problems.of(HttpStatus.TOO_MANY_REQUESTS, detail));
        }
    }

    /**
     * Counts failed password logins per user name, one count for both ways a password is sent: the API's HTTP
     * Basic (failed: answered 401) and the web app's sign-in form (failed: sent back to {@value #FORM_FAILED}).
     * Bearer tokens are not counted: a signed token cannot be guessed, and a refused one names no user one could
     * trust (counting per client address would lock out everyone behind the same proxy).
     */
    static final class FailedLoginLimit extends LimitFilter {

        /** Spring Security's form login: where the form is posted, and where a failed sign-in is sent. */
        static final String FORM = "/login";
        static final String FORM_FAILED = "/login?error";
        /** Where a name over its limit is sent, with the minutes to wait; the page explains. */
        static final String FORM_TOO_MANY = "/login?tooMany=";

        FailedLoginLimit(TokenBuckets failures, ObjectMapper mapper) {
            super(failures, mapper);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            boolean form = isFormLogin(request);
            Optional<String> login = form ? Optional.ofNullable(request.getParameter("username")) : basicLogin(request);
            if (login.isPresent()) {
                Optional<Duration> wait = buckets.check(login.get());
                if (wait.isPresent() && form) {
                    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(wait.get())));
                    response.sendRedirect(request.getContextPath() + FORM_TOO_MANY
                            + (retryAfterSeconds(wait.get()) + 59) / 60);
                    return;
                }
                if (wait.isPresent()) {
                    tooManyRequests(response, wait.get(), "Too many failed logins; try again later");
                    return;
                }
            }
            chain.doFilter(request, response);
            if (login.isPresent() && (form ? sentBackToTheForm(response)
                    : response.getStatus() == HttpStatus.UNAUTHORIZED.value())) {
                buckets.take(login.get());
            }
        }

        private static boolean isFormLogin(HttpServletRequest request) {
            return HttpMethod.POST.matches(request.getMethod())
                    && (request.getContextPath() + FORM).equals(request.getRequestURI());
        }

        private static boolean sentBackToTheForm(HttpServletResponse response) {
            String location = response.getHeader(HttpHeaders.LOCATION);
            return response.getStatus() == HttpStatus.FOUND.value() && location != null
                    && location.endsWith(FORM_FAILED);
        }

        private static Optional<String> basicLogin(HttpServletRequest request) {
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
