package org.peerjournal.app.security;

import org.peerjournal.shared.actor.Actor;

/**
 * An authenticated principal that knows its role and team. Every authentication mode (demo Basic, bearer JWTs)
 * produces one, so nothing downstream depends on how the user logged in.
 */
public interface ActorPrincipal {

    Actor actor();
}
