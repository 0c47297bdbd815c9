package org.peerjournal.shared.conflict;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorCommand;

import java.util.UUID;

public record DiscussLoyaltyConflictCommand(
        @TargetAggregateIdentifier UUID journalId,
        UUID conflictId,
        UUID discussionId,
        DiscussionForum forum,
        String summary,
        Actor actor) implements ActorCommand {
}
