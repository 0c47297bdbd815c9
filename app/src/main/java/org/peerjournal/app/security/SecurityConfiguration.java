package org.peerjournal.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.peerjournal.app.web.Problems;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Who may call what. Roles are checked here, per endpoint, before any handler runs; the team of the journal is
 * checked where the journal is known (the aggregate, the query handlers), and answers 404 to outsiders. Anything
 * under /api that no rule names is denied, so a new endpoint is closed until someone opens it deliberately.
 */
@Configuration
class SecurityConfiguration {

    private static final String PSW = "PSW";
    private static final String CLINICIAN = "CLINICIAN";
    private static final String TEAM_LEAD = "TEAM_LEAD";
    private static final String AUDITOR = "AUDITOR";
    private static final String ADMIN = "ADMIN";

    /**
     * A URL Spring Security's firewall refuses (an empty path segment as in {@code /api/journals//notes}, encoded
     * slashes, ...) is answered as problem+json like every other bad input, without repeating what was refused;
     * by default it became the servlet container's error page.
     */
    @Bean
    RequestRejectedHandler problemForRejectedUrls(ObjectMapper objectMapper) {
        return (request, response, rejected) -> Problems.write(response, objectMapper,
                Problems.of(HttpStatus.BAD_REQUEST, "The request's URL is not allowed"));
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, AuthenticationManager authenticationManager,
            ObjectMapper objectMapper, DemoUsersProperties demoUsers, JwtProperties jwt,
            ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        ProblemSecurityResponses problems = new ProblemSecurityResponses(objectMapper,
                demoUsers.enabled() ? "Basic realm=\"peer-journal\"" : "Bearer");
        http.csrf(AbstractHttpConfigurer::disable) // stateless API: no cookies, no session, so no CSRF
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authenticationManager(authenticationManager);
        // Two ways in, one actor out: demo users by HTTP Basic (embedded store only), bearer JWTs in production.
        if (demoUsers.enabled()) {
            http.httpBasic(basic -> basic.authenticationEntryPoint(problems).realmName("peer-journal"));
        }
        if (jwt.enabled()) {
            JwtAuthenticationProvider tokens = new JwtAuthenticationProvider(
                    new CheckedJwtDecoder(jwtDecoder.getObject(), jwt, Clock.systemUTC()));
            tokens.setJwtAuthenticationConverter(new JwtActorConverter(jwt));
            http.oauth2ResourceServer(server -> server.authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems)
                    .jwt(token -> token.authenticationManager(new ProviderManager(tokens))));
        }
        return http
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> requests
                        // Async dispatches continue a request already authorized (the escalation stream).
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
                                "/swagger-ui.html", "/swagger-ui/**", "/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/journals").hasRole(TEAM_LEAD)
                        .requestMatchers(HttpMethod.POST, "/api/journals/*/notes").hasRole(PSW)
                        .requestMatchers(HttpMethod.POST, "/api/journals/*/notes/*/corrections").hasRole(PSW)
                        .requestMatchers(HttpMethod.POST, "/api/journals/*/notes/*/retraction")
                        .hasAnyRole(PSW, TEAM_LEAD)
                        .requestMatchers(HttpMethod.GET, "/api/journals", "/api/journals/*/timeline")
                        .hasAnyRole(PSW, CLINICIAN, TEAM_LEAD)
                        .requestMatchers(HttpMethod.POST, "/api/journals/*/escalations").hasRole(PSW)
                        .requestMatchers(HttpMethod.POST, "/api/journals/*/escalations/*/acknowledgement",
                                "/api/journals/*/escalations/*/resolution").hasAnyRole(CLINICIAN, TEAM_LEAD)
                        .requestMatchers(HttpMethod.GET, "/api/escalations", "/api/escalations/stream")
                        .hasAnyRole(PSW, CLINICIAN, TEAM_LEAD)
                        .requestMatchers(HttpMethod.POST, "/api/journals/*/loyalty-conflicts").hasRole(PSW)
                        .requestMatchers(HttpMethod.POST, "/api/journals/*/loyalty-conflicts/*/discussions")
                        .hasAnyRole(PSW, CLINICIAN, TEAM_LEAD)
                        .requestMatchers(HttpMethod.POST, "/api/journals/*/loyalty-conflicts/*/resolution")
                        .hasAnyRole(PSW, TEAM_LEAD)
                        .requestMatchers(HttpMethod.GET, "/api/teams/*/overview").hasAnyRole(CLINICIAN, TEAM_LEAD)
                        .requestMatchers(HttpMethod.GET, "/api/reports/contacts").hasRole(TEAM_LEAD)
                        .requestMatchers(HttpMethod.GET, "/api/audit/**").hasRole(AUDITOR)
                        .requestMatchers(HttpMethod.POST, "/api/audit/access-review/findings/*/conclusion")
                        .hasRole(AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/admin/**", "/actuator/prometheus").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/admin/projections/*/replay", "/api/admin/store/backups")
                        .hasRole(ADMIN)
                        .anyRequest().denyAll())
                .build();
    }

    @Bean
    AuthenticationManager authenticationManager(DemoUsersProperties demoUsers) {
        Map<String, DemoUser> users = demoUsers.enabled()
                ? demoUsers.users().stream().map(DemoUsersProperties.Entry::toUser)
                        .collect(Collectors.toMap(DemoUser::username, Function.identity()))
                : Map.of();
        UserDetailsService lookup = username -> {
            UserDetails user = users.get(username);
            if (user == null) {
                throw new UsernameNotFoundException("Unknown user");
            }
            return user;
        };
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(lookup);
        passwords.setPasswordEncoder(new BCryptPasswordEncoder());
        AuthenticationProvider cached = new CachingAuthenticationProvider(passwords, Duration.ofMinutes(5),
                Clock.systemUTC());
        return new ProviderManager(cached);
    }
}
