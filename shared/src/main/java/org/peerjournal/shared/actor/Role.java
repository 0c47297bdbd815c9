package org.peerjournal.shared.actor;

/** What a user may do; see product.md, "Roles and reach". */
public enum Role {
    PSW,
    CLINICIAN,
    TEAM_LEAD,
    AUDITOR,
    ADMIN;

    /** Roles whose users belong to one team and read its journals. */
    public boolean isTeamMember() {
        return this == PSW || this == CLINICIAN || this == TEAM_LEAD;
    }
}
