package org.peerjournal.app.security;

import org.junit.jupiter.api.Test;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.Role;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A web sign-in through OpenID Connect names its actor from the same configurable claims as an API token. */
class OidcActorUserServiceTest {

    private final OidcActorUserService users = new OidcActorUserService(
            new JwtProperties(true, "employee_id", "pj_role", "pj_team"));

    @Test
    void theConfiguredClaimsNameTheUserTheRoleAndTheTeam() {
        OidcActorUserService.OidcActorUser user = users.actorOf(oidcUser(Map.of(
                "employee_id", "pia", "pj_role", "PSW", "pj_team", "east")));
        assertThat(user.actor()).isEqualTo(new Actor("pia", Role.PSW, "east"));
        assertThat(user.getName()).isEqualTo("pia");
        assertThat(user.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_PSW");
    }

    @Test
    void anAuditorNeedsNoTeamAndTheSubjectNamesAUserWithoutTheUserClaim() {
        assertThat(users.actorOf(oidcUser(Map.of("pj_role", "AUDITOR"))).actor())
                .isEqualTo(new Actor("subject-1", Role.AUDITOR, null));
    }

    @Test
    void claimsWithoutAKnownRoleOrATeamForATeamRoleSignNobodyIn() {
        assertThatThrownBy(() -> users.actorOf(oidcUser(Map.of("pj_role", "PSW"))))
                .isInstanceOf(OAuth2AuthenticationException.class);
        assertThatThrownBy(() -> users.actorOf(oidcUser(Map.of("pj_role", "CHIEF", "pj_team", "east"))))
                .isInstanceOf(OAuth2AuthenticationException.class);
        assertThatThrownBy(() -> users.actorOf(oidcUser(Map.of("pj_role", "SYSTEM", "pj_team", "east"))))
                .isInstanceOf(OAuth2AuthenticationException.class);
    }

    private static OidcUser oidcUser(Map<String, Object> claims) {
        Map<String, Object> all = new HashMap<>(claims);
        all.put("sub", "subject-1");
        OidcIdToken token = new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(60), all);
        return new DefaultOidcUser(List.of(), token);
    }
}
