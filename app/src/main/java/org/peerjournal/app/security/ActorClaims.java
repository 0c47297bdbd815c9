package org.peerjournal.app.security;

import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.Role;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.util.function.Function;

/**
 * The actor named by an identity provider's claims, read the same way from an API bearer token and from a web
 * sign-in's ID token: user id, role and team from the configured claims ({@link JwtProperties}). Claims without a
 * known role, or without a team for a team role, authenticate nobody.
 */
final class ActorClaims {

    private ActorClaims() {
    }

    /**
     * @param claim   a claim's value by name, {@code null} when absent
     * @param subject the token's subject, the user id when the configured user id claim is absent
     */
    static Actor actor(JwtProperties properties, Function<String, String> claim, String subject) {
        String userId = claim.apply(properties.userIdClaim());
        if (userId == null || userId.isBlank()) {
            userId = subject;
        }
        Role role = role(claim.apply(properties.roleClaim()));
        String team = claim.apply(properties.teamClaim());
        if (userId == null || userId.isBlank() || (role.isTeamMember() && (team == null || team.isBlank()))) {
            throw new InvalidBearerTokenException("The token does not name a user, a role and a team");
        }
        return new Actor(userId, role, role.isTeamMember() ? team : null);
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
}
