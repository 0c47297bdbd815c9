package org.peerjournal.shared.conflict;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** The conflict was discussed (team meeting, supervision...); there may be several discussions. */
@Revision("1")
public record LoyaltyConflictDiscussedEvent(
        UUID journalId,
        UUID conflictId,
        UUID discussionId,
        String teamId,
        DiscussionForum forum,
        String summary,
        String discussedBy) {
}
