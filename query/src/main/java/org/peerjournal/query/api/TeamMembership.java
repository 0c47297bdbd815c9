package org.peerjournal.query.api;

import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.error.ActionNotPermittedException;

/** Which team a team-wide read is about, and whether the caller belongs to it. */
final class TeamMembership {

    private TeamMembership() {
    }

    /**
     * @param teamId the team asked for; {@code null} means the caller's own team
     * @param what   what the caller wanted to see, for the refusal's wording
     * @return the team the read is about
     */
    static String requireMember(Actor actor, String teamId, String what) {
        String team = teamId == null ? actor.teamId() : teamId;
        if (!actor.role().isTeamMember() || !actor.belongsTo(team)) {
            throw new ActionNotPermittedException("Only members of team " + team + " may see its " + what);
        }
        return team;
    }
}
