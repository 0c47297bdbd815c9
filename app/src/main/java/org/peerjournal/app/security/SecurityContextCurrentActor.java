package org.peerjournal.app.security;

import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.CurrentActor;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The actor of the current request, from Spring Security's context. */
@Component
class SecurityContextCurrentActor implements CurrentActor {

    @Override
    public Actor get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof ActorPrincipal principal) {
            return principal.actor();
        }
        throw new AuthenticationCredentialsNotFoundException("No authenticated actor");
    }
}
