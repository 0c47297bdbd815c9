package org.peerjournal.shared.actor;

/**
 * The actor behind the request being served. Controllers depend on this interface only, so the way users
 * authenticate (demo HTTP Basic, production bearer tokens) can change without touching them.
 */
public interface CurrentActor {

    Actor get();
}
