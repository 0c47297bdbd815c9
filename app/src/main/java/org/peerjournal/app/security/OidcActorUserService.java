package org.peerjournal.app.security;

import org.peerjournal.shared.actor.Actor;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.List;

/**
 * A web sign-in through the organisation's OpenID Connect provider: the signed-in user is the actor named by the
 * ID token's (and user info's) claims, read exactly as the API reads a bearer token's ({@link ActorClaims}).
 */
class OidcActorUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService provider = new OidcUserService();
    private final JwtProperties claims;

    OidcActorUserService(JwtProperties claims) {
        this.claims = claims;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        return actorOf(provider.loadUser(request));
    }

    OidcActorUser actorOf(OidcUser user) {
        Actor actor = ActorClaims.actor(claims, user::getClaimAsString, user.getSubject());
        return new OidcActorUser(actor, user);
    }

    /** The registration a production sign-in goes to when there is no login form to choose from. */
    static String firstRegistrationId(ClientRegistrationRepository clients) {
        if (clients instanceof Iterable<?> registrations) {
            for (Object registration : registrations) {
                return ((ClientRegistration) registration).getRegistrationId();
            }
        }
        throw new IllegalStateException("No OpenID Connect client is registered");
    }

    /** A user signed in through OpenID Connect, whose principal is its actor. */
    static final class OidcActorUser extends DefaultOidcUser implements ActorPrincipal {

        private final Actor actor;

        OidcActorUser(Actor actor, OidcUser user) {
            super(List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())), user.getIdToken(),
                    user.getUserInfo());
            this.actor = actor;
        }

        @Override
        public Actor actor() {
            return actor;
        }

        @Override
        public String getName() {
            return actor.userId();
        }
    }
}
