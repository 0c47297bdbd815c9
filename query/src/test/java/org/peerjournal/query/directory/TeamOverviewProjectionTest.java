package org.peerjournal.query.directory;

import org.junit.jupiter.api.Test;
import org.peerjournal.query.projection.ProjectionTest;
import org.peerjournal.shared.conflict.ConflictKind;
import org.peerjournal.shared.conflict.DiscussionForum;
import org.peerjournal.shared.conflict.LoyaltyConflictDiscussedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictFlaggedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictResolvedEvent;
import org.peerjournal.shared.escalation.EscalationCategory;
import org.peerjournal.shared.escalation.EscalationSeverity;
import org.peerjournal.shared.escalation.SafetyEscalationOverdueEvent;
import org.peerjournal.shared.escalation.SafetyEscalationRaisedEvent;
import org.peerjournal.shared.journal.ContactType;
import org.peerjournal.shared.journal.event.ContactNoteRecordedEvent;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;
import org.peerjournal.shared.team.FindTeamOverviewQuery;
import org.peerjournal.shared.team.TeamOverview;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The overview reads all three of the directory's read models: each is fed by its own projection here. */
class TeamOverviewProjectionTest extends ProjectionTest {

    private static final Instant NOW = Instant.parse("2026-05-31T12:00:00Z");

    @Autowired
    private JournalListProjection list;
    @Autowired
    private ContactReportProjection contacts;
    @Autowired
    private TeamOverviewProjection overview;

    @Test
    void countsTheTeamsJournalsEscalationsAndConflicts() {
        UUID journal = open("north", "Berit");
        open("north", "Adam");
        open("south", "Cecilia");
        UUID escalation = UUID.randomUUID();
        handle(() -> list.on(new SafetyEscalationRaisedEvent(journal, escalation, "north",
                EscalationCategory.SELF_HARM, EscalationSeverity.IMMEDIATE, "cuts", true, List.of(), "anna",
                NOW.minusSeconds(60), "d-1")));
        handle(() -> list.on(new SafetyEscalationOverdueEvent(journal, escalation, "north",
                EscalationSeverity.IMMEDIATE, NOW.minusSeconds(60))));
        flag(journal, false);

        TeamOverview answer = overview("north");

        assertThat(answer).extracting(TeamOverview::journals, TeamOverview::openEscalations,
                TeamOverview::overdueEscalations, TeamOverview::openLoyaltyConflicts).containsExactly(2, 1, 1, 1);
    }

    @Test
    void listsAConflictAwaitingSupervisionUntilSupervisionIsHeldOrItIsResolved() {
        UUID journal = open("north", "Berit");
        UUID heldInSupervision = flag(journal, true);
        UUID resolved = flag(journal, true);
        UUID waiting = flag(journal, true);
        flag(journal, false);
        handle(() -> overview.on(new LoyaltyConflictDiscussedEvent(journal, heldInSupervision, UUID.randomUUID(),
                "north", DiscussionForum.SUPERVISION, "talked it through", "tina")));
        handle(() -> overview.on(new LoyaltyConflictDiscussedEvent(journal, waiting, UUID.randomUUID(), "north",
                DiscussionForum.TEAM_MEETING, "not yet", "tina")));
        LoyaltyConflictResolvedEvent resolution = new LoyaltyConflictResolvedEvent(journal, resolved, "north",
                "agreed", "tina");
        handle(() -> overview.on(resolution));
        handle(() -> list.on(resolution));

        assertThat(overview("north").conflictsAwaitingSupervision())
                .extracting(TeamOverview.ConflictAwaitingSupervision::conflictId).containsExactly(waiting);
    }

    @Test
    void listsJournalsWithoutRecentContactAndCountsContactsPerWorker() {
        UUID never = open("north", "Adam");
        UUID longAgo = open("north", "Berit");
        UUID lately = open("north", "Cecilia");
        note(longAgo, "anna", NOW.minus(Duration.ofDays(20)));
        note(lately, "anna", NOW.minus(Duration.ofDays(2)));
        note(lately, "bo", NOW.minus(Duration.ofDays(9)));

        TeamOverview answer = overview("north");

        assertThat(answer.journalsWithoutContact()).extracting(TeamOverview.JournalWithoutContact::journalId)
                .containsExactly(never, longAgo);
        assertThat(answer.contactsPerWorker()).containsExactly(new TeamOverview.WorkerContacts("anna", 1, 2),
                new TeamOverview.WorkerContacts("bo", 0, 1));
    }

    @Test
    void aReplayEmptiesTheConflicts() {
        flag(open("north", "Berit"), true);

        resetForReplay(overview);

        assertThat(rows("select count(*) from conflict_entry")).isZero();
    }

    private UUID open(String team, String name) {
        UUID journal = UUID.randomUUID();
        handle(() -> list.on(new JournalOpenedEvent(journal, team, "P-" + journal, name),
                NOW.minus(Duration.ofDays(60))));
        return journal;
    }

    private UUID flag(UUID journal, boolean supervisionRequested) {
        LoyaltyConflictFlaggedEvent event = new LoyaltyConflictFlaggedEvent(journal, UUID.randomUUID(), "north",
                ConflictKind.COERCIVE_MEASURES, "belts", "wants none", "needed", supervisionRequested, "anna");
        handle(() -> overview.on(event, NOW.minusSeconds(3600)));
        handle(() -> list.on(event));
        return event.conflictId();
    }

    private void note(UUID journal, String worker, Instant occurredAt) {
        ContactNoteRecordedEvent event = new ContactNoteRecordedEvent(journal, UUID.randomUUID(), worker,
                ContactType.ACCOMPANIED_APPOINTMENT, occurredAt, 45, "went along", false);
        handle(() -> list.on(event));
        handle(() -> contacts.on(event));
    }

    private TeamOverview overview(String team) {
        return query(() -> overview.handle(new FindTeamOverviewQuery(team, 14, NOW)));
    }
}
