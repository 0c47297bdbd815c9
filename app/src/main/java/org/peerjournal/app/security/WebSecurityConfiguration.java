package org.peerjournal.app.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The web app's sign-in, next to (and before) the API's chain, which stays as it is: pages get a session cookie, a
 * login form (demo users, embedded store) or the organisation's OpenID Connect provider (production), CSRF tokens
 * on every form, sign-out, and a strict Content-Security-Policy. What a user may do is decided where the API
 * decides it (the aggregate, the query handlers, the API controllers' methods the pages call); only the pages of
 * roles that span teams are gated here, because the API gates them by path.
 */
@Configuration
class WebSecurityConfiguration {

    /** No inline script or style anywhere: everything the pages run or apply comes from the app's own files. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain webSecurity(HttpSecurity http, AuthenticationManager authenticationManager,
            DemoUsersProperties demoUsers, JwtProperties jwt,
            ObjectProvider<ClientRegistrationRepository> oidcClients) throws Exception {
        http.securityMatcher(webRequests())
                .authenticationManager(authenticationManager)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut")
                        .deleteCookies("JSESSIONID"))
                .exceptionHandling(errors -> errors.accessDeniedPage("/app/forbidden"));
        if (demoUsers.enabled()) {
            http.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll());
        }
        ClientRegistrationRepository clients = oidcClients.getIfAvailable();
        if (jwt.enabled() && clients != null) {
            http.oauth2Login(oidc -> oidc.loginPage(demoUsers.enabled() ? "/login" : "/oauth2/authorization/"
                            + OidcActorUserService.firstRegistrationId(clients))
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new OidcActorUserService(jwt))));
        }
        return http.authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/login", "/css/**", "/js/**", "/favicon.ico").permitAll()
                        .requestMatchers("/app/audit/**").hasRole("AUDITOR")
                        .requestMatchers("/app/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .build();
    }

    /**
     * The pages, their assets and sign-in; and the escalation stream when a page asks for it with its session
     * (an EventSource cannot send an Authorization header): the same endpoint the API serves, so the live queue
     * has no second copy. A stream request with credentials, or without a session, stays with the API's chain.
     */
    static RequestMatcher webRequests() {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        List<RequestMatcher> matchers = new ArrayList<>(Stream.of("/", "/app/**", "/login", "/logout",
                "/oauth2/**", "/login/oauth2/**", "/css/**", "/js/**", "/favicon.ico")
                .<RequestMatcher>map(paths::matcher).toList());
        matchers.add(WebSecurityConfiguration::streamFromAPage);
        return new OrRequestMatcher(matchers);
    }

    private static boolean streamFromAPage(HttpServletRequest request) {
        return "/api/escalations/stream".equals(request.getRequestURI())
                && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && request.getRequestedSessionId() != null;
    }
}
