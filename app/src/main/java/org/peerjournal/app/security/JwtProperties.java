package org.peerjournal.app.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Production authentication: bearer JWTs from the organisation's identity provider
 * ({@code peerjournal.security.jwt.*}). Where the keys come from is Spring's standard
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} / {@code jwk-set-uri} / {@code public-key-location};
 * these properties say which tokens are meant for this service ({@code issuer}, {@code audience}, both required),
 * how far clocks may disagree, and where in the token the user id, the role and the team are.
 *
 * @param userIdClaim {@code sub} by default: the provider's stable id. {@code preferred_username} is opt-in only,
 *                    since some providers let users change it, and with it whose notes they are.
 */
@ConfigurationProperties("peerjournal.security.jwt")
record JwtProperties(
        boolean enabled,
        String issuer,
        String audience,
        @DefaultValue("PT30S") Duration clockSkew,
        @DefaultValue("sub") String userIdClaim,
        @DefaultValue("peerjournal_role") String roleClaim,
        @DefaultValue("peerjournal_team") String teamClaim) {

    /** Spring's decoders allow 60 s themselves; a larger skew here would not take effect. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

    JwtProperties {
        if (enabled && (issuer == null || issuer.isBlank() || audience == null || audience.isBlank())) {
            throw new IllegalArgumentException("peerjournal.security.jwt.issuer and .audience must be set: without"
                    + " them a token minted for another service, or by another issuer, would be accepted");
        }
        if (clockSkew != null && (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0)) {
            throw new IllegalArgumentException("peerjournal.security.jwt.clock-skew must lie between 0 and "
                    + MAX_CLOCK_SKEW);
        }
    }
}
