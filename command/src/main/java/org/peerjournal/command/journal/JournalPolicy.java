package org.peerjournal.command.journal;

import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.error.ActionNotPermittedException;
import org.peerjournal.shared.error.JournalNotFoundException;

import java.util.UUID;

/**
 * Who may change a journal: every team and ownership rule of the command side, in one place. The URL rules of
 * {@code SecurityConfiguration} are only the coarse role gate in front of it; the journal and its members ask this
 * policy before they decide anything else. A refusal is 403, except to outsiders of the journal's team, who are
 * answered as if the journal did not exist (404), so ids cannot be probed.
 */
final class JournalPolicy {

    private JournalPolicy() {
    }

    static void mayOpenJournal(Actor actor, String teamId) {
        if (!actor.hasRole(Role.TEAM_LEAD) || !actor.belongsTo(teamId)) {
            throw new ActionNotPermittedException("Only a team lead of team " + teamId + " may open a journal for it");
        }
    }

    /** Every other change needs a member of the journal's team. */
    static void requireTeamMember(Actor actor, UUID journalId, String teamId) {
        if (!actor.role().isTeamMember() || !actor.belongsTo(teamId)) {
            throw new JournalNotFoundException(journalId);
        }
    }

    static void mayRecordNote(Actor actor) {
        requireRole(actor, Role.PSW, "Only a peer support worker records contact notes");
    }

    static void mayCorrectNote(Actor actor, String authorId) {
        if (!authorId.equals(actor.userId())) {
            throw new ActionNotPermittedException("Only the note's author may correct it");
        }
    }

    static void mayRetractNote(Actor actor, String authorId) {
        if (!authorId.equals(actor.userId()) && !actor.hasRole(Role.TEAM_LEAD)) {
            throw new ActionNotPermittedException("Only the note's author or a team lead may retract it");
        }
    }

    static void mayRaiseEscalation(Actor actor) {
        requireRole(actor, Role.PSW, "Only a peer support worker raises safety escalations");
    }

    static void mayAcknowledgeEscalations(Actor actor) {
        requireClinicalStaff(actor, "Only a clinician or team lead acknowledges escalations");
    }

    /** Four eyes: whoever raised an escalation cannot also be the one who acknowledges it. */
    static void mayAcknowledge(Actor actor, String raisedBy) {
        if (actor.userId().equals(raisedBy)) {
            throw new ActionNotPermittedException("The person who raised an escalation cannot acknowledge it");
        }
    }

    static void mayResolveEscalations(Actor actor) {
        requireClinicalStaff(actor, "Only a clinician or team lead resolves escalations");
    }

    static void mayFlagConflict(Actor actor) {
        requireRole(actor, Role.PSW, "Only a peer support worker flags loyalty conflicts");
    }

    static void mayResolveConflict(Actor actor, String flaggedBy) {
        boolean flaggingPsw = actor.hasRole(Role.PSW) && actor.userId().equals(flaggedBy);
        if (!actor.hasRole(Role.TEAM_LEAD) && !flaggingPsw) {
            throw new ActionNotPermittedException("Only a team lead or the flagging PSW resolves a loyalty conflict");
        }
    }

    private static void requireRole(Actor actor, Role role, String message) {
        if (!actor.hasRole(role)) {
            throw new ActionNotPermittedException(message);
        }
    }

    private static void requireClinicalStaff(Actor actor, String message) {
        if (!actor.hasRole(Role.CLINICIAN) && !actor.hasRole(Role.TEAM_LEAD)) {
            throw new ActionNotPermittedException(message);
        }
    }
}
