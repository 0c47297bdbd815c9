package org.peerjournal.shared.actor;

import java.util.Objects;

/**
 * Who did something: the authenticated user, in the role and team they acted in.
 * Every command carries one and every stored event records one in its metadata.
 *
 * @param userId the login name, e.g. {@code anna}
 * @param role   the role the user acted in
 * @param teamId the user's team; {@code null} for roles that span teams (auditor, admin)
 */
public record Actor(String userId, Role role, String teamId) {

    /** The user id of {@link #system}: who records what nobody did, e.g. an escalation becoming overdue. */
    public static final String SYSTEM_USER_ID = "system";

    public Actor {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        if (userId.isBlank()) {
            throw new IllegalArgumentException("userId must not be blank");
        }
    }

    /** The service acting on its own within a team (a deadline that passed), never a logged-in user. */
    public static Actor system(String teamId) {
        return new Actor(SYSTEM_USER_ID, Role.SYSTEM, teamId);
    }

    public boolean hasRole(Role expected) {
        return role == expected;
    }

    public boolean belongsTo(String team) {
        return teamId != null && teamId.equals(team);
    }
}
