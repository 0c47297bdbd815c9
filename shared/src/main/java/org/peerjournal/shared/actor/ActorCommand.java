package org.peerjournal.shared.actor;

/**
 * A command that names who issues it. The command bus refuses any command that is not one,
 * so no event can be stored without an actor.
 */
public interface ActorCommand {

    Actor actor();
}
