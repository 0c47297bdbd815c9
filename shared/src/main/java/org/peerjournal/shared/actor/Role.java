package org.peerjournal.shared.actor;

/** What a user may do; see product.md, "Roles and reach". */
public enum Role {
    PSW,
    CLINICIAN,
    TEAM_LEAD,
    AUDITOR,
    ADMIN,
    /** The service itself, for what it records on its own (an escalation going overdue). Nobody logs in as it. */
    SYSTEM;

    /** Roles whose users belong to one team and read its journals. */
    public boolean isTeamMember() {
        return this == PSW || this == CLINICIAN || this == TEAM_LEAD;
    }
}
