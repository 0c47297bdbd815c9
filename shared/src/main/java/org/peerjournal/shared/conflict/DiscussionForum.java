package org.peerjournal.shared.conflict;

/** Where a loyalty conflict was discussed. */
public enum DiscussionForum {
    TEAM_MEETING,
    SUPERVISION,
    MANAGER,
    OTHER
}
