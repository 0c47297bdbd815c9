package org.peerjournal.query.directory;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.peerjournal.query.projection.ProjectionTables;
import org.peerjournal.query.projection.ReadModel;
import org.peerjournal.query.projection.ReadModel.Measure;
import org.peerjournal.query.projection.ReadModelProjection;
import org.peerjournal.shared.conflict.DiscussionForum;
import org.peerjournal.shared.conflict.LoyaltyConflictDiscussedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictFlaggedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictResolvedEvent;
import org.peerjournal.shared.team.FindTeamOverviewQuery;
import org.peerjournal.shared.team.TeamOverview;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * The team overview: every loyalty conflict ({@code conflict_entry}, for the supervision its PSW asked for), read
 * together with the journal list (open escalations and conflicts, journals without contact) and the contacts
 * (contacts per worker). It answers the team overview.
 */
@Component
@ProcessingGroup(JournalDirectory.PROCESSING_GROUP)
class TeamOverviewProjection extends ReadModelProjection {

    static final ReadModel READ_MODEL = ReadModel.of(JournalDirectory.PROCESSING_GROUP, "conflict_entry")
            .counts(LoyaltyConflictFlaggedEvent.class, Measure.rows("conflict_entry"))
            .counts(LoyaltyConflictResolvedEvent.class, Measure.rows("conflict_entry", "resolved = true"));

    private final ConflictEntryRepository conflicts;
    private final TeamOverviewReader overview;

    TeamOverviewProjection(ConflictEntryRepository conflicts, TeamOverviewReader overview, ProjectionTables tables) {
        super(READ_MODEL, tables);
        this.conflicts = conflicts;
        this.overview = overview;
    }

    @EventHandler
    void on(LoyaltyConflictFlaggedEvent event, @Timestamp Instant flaggedAt) {
        conflicts.save(new ConflictEntryRecord(event.conflictId(), event.journalId(), event.teamId(), event.kind(),
                event.flaggedBy(), flaggedAt, event.supervisionRequested()));
    }

    @EventHandler
    void on(LoyaltyConflictDiscussedEvent event) {
        if (event.forum() == DiscussionForum.SUPERVISION) {
            conflicts.findById(event.conflictId()).ifPresent(ConflictEntryRecord::supervisionHeld);
        }
    }

    @EventHandler
    void on(LoyaltyConflictResolvedEvent event) {
        conflicts.findById(event.conflictId()).ifPresent(ConflictEntryRecord::resolve);
    }

    @QueryHandler
    TeamOverview handle(FindTeamOverviewQuery query) {
        return overview.overview(query);
    }
}
