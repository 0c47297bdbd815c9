package org.peerjournal.shared.actor;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The metadata keys under which every message records its actor, and the conversions to and from them. */
public final class ActorMetaData {

    public static final String USER_ID = "actorUserId";
    public static final String ROLE = "actorRole";
    public static final String TEAM_ID = "actorTeamId";

    private ActorMetaData() {
    }

    public static Map<String, String> of(Actor actor) {
        Map<String, String> values = new HashMap<>();
        values.put(USER_ID, actor.userId());
        values.put(ROLE, actor.role().name());
        if (actor.teamId() != null) {
            values.put(TEAM_ID, actor.teamId());
        }
        return values;
    }

    /** The actor recorded in a message's metadata, if a complete one is there. */
    public static Optional<Actor> from(Map<String, ?> metaData) {
        Object userId = metaData.get(USER_ID);
        Object role = metaData.get(ROLE);
        if (!(userId instanceof String user) || !(role instanceof String roleName)) {
            return Optional.empty();
        }
        Object team = metaData.get(TEAM_ID);
        return Optional.of(new Actor(user, Role.valueOf(roleName), team instanceof String t ? t : null));
    }
}
