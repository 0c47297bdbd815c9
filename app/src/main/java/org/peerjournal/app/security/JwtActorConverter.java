package org.peerjournal.app.security;

import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.Role;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.util.List;

/**
 * Turns a validated JWT into the request's actor: user id, role and team from the configured claims. A token
 * without a known role, or without a team for a team role, authenticates nobody (401).
 */
class JwtActorConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final JwtProperties properties;

    JwtActorConverter(JwtProperties properties) {
        this.properties = properties;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        // No fallback to another claim: a user id from a claim nobody configured could name someone else.
        String userId = jwt.getClaimAsString(properties.userIdClaim());
        Role role = role(jwt.getClaimAsString(properties.roleClaim()));
        String team = jwt.getClaimAsString(properties.teamClaim());
        if (userId == null || userId.isBlank() || (role.isTeamMember() && (team == null || team.isBlank()))) {
            throw new InvalidBearerTokenException("The token does not name a user, a role and a team");
        }
        Actor actor = new Actor(userId, role, role.isTeamMember() ? team : null);
        return new ActorAuthentication(new JwtActor(actor), jwt,
                List.of(new SimpleGrantedAuthority("ROLE_" + role.name())));
    }

    private static Role role(String claim) {
        try {
            Role role = Role.valueOf(claim);
            if (role == Role.SYSTEM) {
                throw new InvalidBearerTokenException("No user acts as the system");
            }
            return role;
        } catch (IllegalArgumentException | NullPointerException unknown) {
            throw new InvalidBearerTokenException("The token names no known role");
        }
    }

    /** An authenticated request whose principal is its actor. */
    static final class ActorAuthentication extends AbstractAuthenticationToken {

        private final transient JwtActor principal;
        private final transient Jwt token;

        ActorAuthentication(JwtActor principal, Jwt token, List<SimpleGrantedAuthority> authorities) {
            super(authorities);
            this.principal = principal;
            this.token = token;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return token;
        }

        @Override
        public Object getPrincipal() {
            return principal;
        }

        @Override
        public String getName() {
            return principal.actor().userId();
        }
    }
}
