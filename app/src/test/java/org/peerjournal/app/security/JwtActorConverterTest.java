package org.peerjournal.app.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which claim names the user, and which settings the service refuses to start with. */
class JwtActorConverterTest {

    private static final Jwt TOKEN = Jwt.withTokenValue("t").header("alg", "RS256")
            .subject("3f1c-77aa").claim("preferred_username", "lena")
            .claim("peerjournal_role", "PSW").claim("peerjournal_team", "east")
            .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();

    @Test
    void theUserIdIsTheSubjectByDefault() {
        assertThat(new JwtActorConverter(settings("sub")).convert(TOKEN).getName()).isEqualTo("3f1c-77aa");
    }

    @Test
    void thePreferredUsernameIsOptIn() {
        assertThat(new JwtActorConverter(settings("preferred_username")).convert(TOKEN).getName())
                .isEqualTo("lena");
    }

    @Test
    void aMissingUserIdClaimIsNotReplacedByAnother() {
        assertThatThrownBy(() -> new JwtActorConverter(settings("employee_id")).convert(TOKEN))
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void issuerAndAudienceAreRequiredAndTheClockSkewIsBounded() {
        assertThatThrownBy(() -> new JwtProperties(true, null, "peer-journal", Duration.ofSeconds(30), "sub",
                "r", "t")).hasMessageContaining("issuer");
        assertThatThrownBy(() -> new JwtProperties(true, "https://idp", " ", Duration.ofSeconds(30), "sub",
                "r", "t")).hasMessageContaining("audience");
        assertThatThrownBy(() -> new JwtProperties(true, "https://idp", "peer-journal", Duration.ofMinutes(5),
                "sub", "r", "t")).hasMessageContaining("clock-skew");
    }

    private static JwtProperties settings(String userIdClaim) {
        return new JwtProperties(true, "https://idp", "peer-journal", Duration.ofSeconds(30), userIdClaim,
                "peerjournal_role", "peerjournal_team");
    }
}
