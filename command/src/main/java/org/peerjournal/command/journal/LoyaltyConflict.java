package org.peerjournal.command.journal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.EntityId;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.conflict.DiscussionForum;
import org.peerjournal.shared.conflict.LoyaltyConflictDiscussedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictFlaggedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictResolvedEvent;
import org.peerjournal.shared.error.StateConflictException;

import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A loyalty-conflict flag, a member of the journal aggregate: flagged, discussed (any number of times), resolved. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class LoyaltyConflict {

    @EntityId
    private UUID conflictId;
    private UUID journalId;
    private String teamId;
    private String flaggedBy;
    private boolean resolved;

    LoyaltyConflict() {
        // for snapshot deserialization
    }

    LoyaltyConflict(LoyaltyConflictFlaggedEvent event) {
        conflictId = event.conflictId();
        journalId = event.journalId();
        teamId = event.teamId();
        flaggedBy = event.flaggedBy();
    }

    void discuss(UUID discussionId, DiscussionForum forum, String summary, Actor actor) {
        requireUnresolved("discussed");
        apply(new LoyaltyConflictDiscussedEvent(journalId, conflictId, discussionId, teamId, forum, summary,
                actor.userId()));
    }

    void resolve(String resolution, Actor actor) {
        JournalPolicy.mayResolveConflict(actor, flaggedBy);
        requireUnresolved("resolved again");
        apply(new LoyaltyConflictResolvedEvent(journalId, conflictId, teamId, resolution, actor.userId()));
    }

    @EventSourcingHandler
    void on(LoyaltyConflictResolvedEvent event) {
        resolved = true;
    }

    private void requireUnresolved(String what) {
        if (resolved) {
            throw new StateConflictException("The loyalty conflict is resolved and cannot be " + what);
        }
    }
}
