package org.peerjournal.app.security;

import org.peerjournal.shared.actor.Actor;

/** The principal of a request authenticated with a bearer token. */
record JwtActor(Actor actor) implements ActorPrincipal {
}
