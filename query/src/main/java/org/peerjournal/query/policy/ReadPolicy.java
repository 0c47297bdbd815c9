package org.peerjournal.query.policy;

import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.error.ActionNotPermittedException;

/**
 * Who may read what: every team rule of the query side, in one place. The URL rules of {@code SecurityConfiguration}
 * are only the coarse role gate in front of it (auditors and administrators reach their own endpoints through those
 * alone). A team-wide read by someone outside the team is 403; a journal of another team is answered as if it did
 * not exist (404), so ids cannot be probed.
 */
public final class ReadPolicy {

    private ReadPolicy() {
    }

    /**
     * A team-wide list (journals, escalations, their live stream): any member of the team.
     *
     * @param teamId the team asked for; {@code null} means the caller's own team
     * @param what   what the caller wanted to see, for the refusal's wording
     * @return the team the read is about
     */
    public static String requireTeamMember(Actor actor, String teamId, String what) {
        String team = teamId == null ? actor.teamId() : teamId;
        if (!actor.role().isTeamMember() || !actor.belongsTo(team)) {
            throw new ActionNotPermittedException("Only members of team " + team + " may see its " + what);
        }
        return team;
    }

    /** The team overview: the clinicians and team leads of the team. */
    public static void mayReadOverview(Actor actor, String teamId) {
        if (!(actor.hasRole(Role.CLINICIAN) || actor.hasRole(Role.TEAM_LEAD)) || !actor.belongsTo(teamId)) {
            throw new ActionNotPermittedException("Only clinicians and the team lead of team " + teamId
                    + " may see its overview");
        }
    }

    /** The contact report: the team lead of the team. */
    public static void mayReadContactReport(Actor actor, String teamId) {
        if (!actor.hasRole(Role.TEAM_LEAD) || !actor.belongsTo(teamId)) {
            throw new ActionNotPermittedException("Only the team lead of team " + teamId + " may see its report");
        }
    }

    /** A journal's content outside the audit endpoints: members of its team only; to anyone else it is not there. */
    public static boolean mayReadJournal(String viewerTeamId, String journalTeamId) {
        return journalTeamId.equals(viewerTeamId);
    }
}
