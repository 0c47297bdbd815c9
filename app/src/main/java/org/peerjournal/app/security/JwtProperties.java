package org.peerjournal.app.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Production authentication: bearer JWTs from the organisation's identity provider
 * ({@code peerjournal.security.jwt.*}). Where the keys come from is Spring's standard
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} / {@code jwk-set-uri} / {@code public-key-location};
 * these properties say where in the token the user id, the role and the team are.
 */
@ConfigurationProperties("peerjournal.security.jwt")
record JwtProperties(
        boolean enabled,
        @DefaultValue("preferred_username") String userIdClaim,
        @DefaultValue("peerjournal_role") String roleClaim,
        @DefaultValue("peerjournal_team") String teamClaim) {
}
