package org.peerjournal.app.security;

import org.peerjournal.shared.actor.Actor;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

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
        Actor actor = ActorClaims.actor(properties, jwt::getClaimAsString, jwt.getSubject());
        return new ActorAuthentication(new JwtActor(actor), jwt,
                List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())));
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
