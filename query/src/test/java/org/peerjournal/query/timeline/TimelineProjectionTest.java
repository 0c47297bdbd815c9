package org.peerjournal.query.timeline;

import org.junit.jupiter.api.Test;
import org.peerjournal.query.projection.ProjectionTest;
import org.peerjournal.shared.conflict.ConflictKind;
import org.peerjournal.shared.conflict.DiscussionForum;
import org.peerjournal.shared.conflict.LoyaltyConflictDiscussedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictFlaggedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictResolvedEvent;
import org.peerjournal.shared.escalation.EscalationCategory;
import org.peerjournal.shared.escalation.EscalationSeverity;
import org.peerjournal.shared.escalation.SafetyEscalationAcknowledgedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationOverdueEvent;
import org.peerjournal.shared.escalation.SafetyEscalationRaisedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationResolvedEvent;
import org.peerjournal.shared.journal.ContactType;
import org.peerjournal.shared.journal.event.ContactNoteCorrectedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRecordedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRetractedEvent;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;
import org.peerjournal.shared.journal.query.EntryType;
import org.peerjournal.shared.journal.query.FindJournalTimelineQuery;
import org.peerjournal.shared.journal.query.JournalTimeline;
import org.peerjournal.shared.journal.query.TimelineEntry;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimelineProjectionTest extends ProjectionTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @Autowired
    private TimelineProjection timeline;

    @Test
    void aNoteKeepsEveryRevisionAndShowsItsCurrentTextAndRetraction() {
        UUID journal = open("north");
        UUID note = UUID.randomUUID();
        handle(() -> timeline.on(new ContactNoteRecordedEvent(journal, note, "anna",
                ContactType.INDIVIDUAL_CONVERSATION, T0, 30, "first", true), T0.plusSeconds(60)));
        handle(() -> timeline.on(new ContactNoteCorrectedEvent(journal, note, 2, "second", "typo", "anna"),
                T0.plusSeconds(120)));
        handle(() -> timeline.on(new ContactNoteRetractedEvent(journal, note, "wrong patient", "anna"),
                T0.plusSeconds(180)));

        assertThat(entries(journal, "north", false)).isEmpty();
        TimelineEntry entry = entries(journal, "north", true).get(0);
        assertThat(entry).extracting(TimelineEntry::text, TimelineEntry::revision, TimelineEntry::retracted,
                TimelineEntry::lateEntry, TimelineEntry::status).containsExactly("second", 2, true, true, "RETRACTED");
        assertThat(entry.revisions()).extracting(TimelineEntry.NoteRevision::text, TimelineEntry.NoteRevision::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("first", null),
                        org.assertj.core.groups.Tuple.tuple("second", "typo"));
        assertThat(entry.retraction()).isEqualTo(new TimelineEntry.Retraction("wrong patient", "anna",
                T0.plusSeconds(180)));
    }

    @Test
    void aRecordedNoteIsShownAsRecordedWithItsFirstRevision() {
        UUID journal = open("north");
        UUID note = UUID.randomUUID();
        handle(() -> timeline.on(new ContactNoteRecordedEvent(journal, note, "anna", ContactType.GROUP_SESSION, T0,
                90, "first", false), T0.plusSeconds(60)));

        TimelineEntry entry = entries(journal, "north", false).get(0);
        assertThat(entry).extracting(TimelineEntry::status, TimelineEntry::text, TimelineEntry::revision,
                        TimelineEntry::retracted, TimelineEntry::retraction, TimelineEntry::durationMinutes)
                .containsExactly("RECORDED", "first", 1, false, null, 90);
        assertThat(entry.revisions()).containsExactly(
                new TimelineEntry.NoteRevision(1, "first", "anna", T0.plusSeconds(60), null));
    }

    /** The rows go in with the batch's transaction: a batch that fails leaves none of them. */
    @Test
    void aNoteOfABatchThatFailsLeavesNoRow() {
        UUID journal = open("north");
        assertThatThrownBy(() -> handle(() -> {
            timeline.on(new ContactNoteRecordedEvent(journal, UUID.randomUUID(), "anna", ContactType.OTHER, T0, 30,
                    "first", false), T0.plusSeconds(60));
            throw new IllegalStateException("a later event of the batch failed");
        })).hasMessage("a later event of the batch failed");

        assertThat(rows("select count(*) from timeline_entry")).isZero();
        assertThat(rows("select count(*) from note_revision")).isZero();
    }

    /** A replay hands a processor a note and its later changes in one batch: one transaction. */
    @Test
    void aNoteRecordedCorrectedAndRetractedInOneBatchIsShownAsEachEventLeftIt() {
        UUID journal = open("north");
        UUID note = UUID.randomUUID();
        Instant occurredAt = Instant.parse("2026-03-01T17:45:12.345678Z");
        handle(() -> {
            timeline.on(new ContactNoteRecordedEvent(journal, note, "anna", ContactType.HOME_VISIT, occurredAt, 45,
                    "first", false), T0.plusMillis(60_001));
            timeline.on(new ContactNoteCorrectedEvent(journal, note, 2, "second", "typo", "bo"), T0.plusSeconds(120));
            timeline.on(new ContactNoteRetractedEvent(journal, note, "wrong patient", "carl"), T0.plusSeconds(180));
        });

        TimelineEntry entry = entries(journal, "north", true).get(0);
        assertThat(entry).extracting(TimelineEntry::entryId, TimelineEntry::type, TimelineEntry::occurredAt,
                        TimelineEntry::recordedAt, TimelineEntry::author, TimelineEntry::contactType,
                        TimelineEntry::durationMinutes, TimelineEntry::text, TimelineEntry::revision,
                        TimelineEntry::lateEntry, TimelineEntry::status)
                .containsExactly(note, EntryType.NOTE, occurredAt, T0.plusMillis(60_001), "anna",
                        ContactType.HOME_VISIT, 45, "second", 2, false, "RETRACTED");
        assertThat(entry.revisions()).extracting(TimelineEntry.NoteRevision::text,
                        TimelineEntry.NoteRevision::author, TimelineEntry.NoteRevision::recordedAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("first", "anna", T0.plusMillis(60_001)),
                        org.assertj.core.groups.Tuple.tuple("second", "bo", T0.plusSeconds(120)));
        assertThat(entry.retraction()).isEqualTo(new TimelineEntry.Retraction("wrong patient", "carl",
                T0.plusSeconds(180)));
    }

    @Test
    void anEscalationFollowsItsLifecycle() {
        UUID journal = open("north");
        UUID escalation = UUID.randomUUID();
        handle(() -> timeline.on(new SafetyEscalationRaisedEvent(journal, escalation, "north",
                EscalationCategory.HARM_TO_OTHERS, EscalationSeverity.URGENT, "threats", false, List.of("bo"),
                "anna", T0.plusSeconds(3600), "d-1"), T0));
        handle(() -> timeline.on(new SafetyEscalationOverdueEvent(journal, escalation, "north",
                EscalationSeverity.URGENT, T0.plusSeconds(3600)), T0.plusSeconds(3601)));
        assertThat(entries(journal, "north", false).get(0).status()).isEqualTo("OPEN");

        handle(() -> timeline.on(new SafetyEscalationAcknowledgedEvent(journal, escalation, "north",
                EscalationSeverity.URGENT, "carl", "called the ward", true), T0.plusSeconds(4000)));
        assertThat(entries(journal, "north", false).get(0).status()).isEqualTo("ACKNOWLEDGED");
        handle(() -> timeline.on(new SafetyEscalationResolvedEvent(journal, escalation, "north",
                EscalationSeverity.URGENT, "carl", "safe"), T0.plusSeconds(5000)));

        TimelineEntry entry = entries(journal, "north", false).get(0);
        assertThat(entry.status()).isEqualTo("RESOLVED");
        assertThat(entry.escalation()).extracting(TimelineEntry.EscalationDetails::overdueAt,
                TimelineEntry.EscalationDetails::acknowledgedBy, TimelineEntry.EscalationDetails::outcome)
                .containsExactly(T0.plusSeconds(3601), "carl", "safe");
    }

    @Test
    void aLoyaltyConflictShowsItsDiscussionsInOrderAndItsResolution() {
        UUID journal = open("north");
        UUID conflict = UUID.randomUUID();
        handle(() -> timeline.on(new LoyaltyConflictFlaggedEvent(journal, conflict, "north", ConflictKind.MEDICATION,
                "dose", "too high", "as prescribed", true, "anna"), T0));
        for (int sequence = 1; sequence <= 2; sequence++) {
            long at = sequence;
            handle(() -> timeline.on(new LoyaltyConflictDiscussedEvent(journal, conflict, UUID.randomUUID(), "north",
                    DiscussionForum.SUPERVISION, "talk " + at, "tina"), T0.plusSeconds(60), at));
        }
        handle(() -> timeline.on(new LoyaltyConflictResolvedEvent(journal, conflict, "north", "lower dose", "tina"),
                T0.plusSeconds(120)));

        TimelineEntry entry = entries(journal, "north", false).get(0);
        assertThat(entry.status()).isEqualTo("RESOLVED");
        assertThat(entry.loyaltyConflict().discussions()).extracting(TimelineEntry.Discussion::summary)
                .containsExactly("talk 1", "talk 2");
        assertThat(entry.loyaltyConflict().resolution()).isEqualTo("lower dose");
    }

    @Test
    void anotherTeamFindsNoTimelineAndFiltersRunInTheQuery() {
        UUID journal = open("north");
        handle(() -> timeline.on(new ContactNoteRecordedEvent(journal, UUID.randomUUID(), "anna",
                ContactType.GROUP_SESSION, T0, 60, "group", false), T0));
        handle(() -> timeline.on(new SafetyEscalationRaisedEvent(journal, UUID.randomUUID(), "north",
                EscalationCategory.SELF_HARM, EscalationSeverity.ROUTINE, "worry", true, List.of(), "anna",
                T0.plusSeconds(7200), "d-2"), T0.plusSeconds(10)));

        assertThat(find(journal, "south", Set.of(), false)).isEmpty();
        assertThat(find(journal, "north", Set.of(EntryType.NOTE), false).orElseThrow().entries())
                .extracting(TimelineEntry::type).containsExactly(EntryType.NOTE);
        assertThat(entries(journal, "north", false)).extracting(TimelineEntry::type)
                .containsExactly(EntryType.ESCALATION, EntryType.NOTE);
    }

    @Test
    void pagesAreNewestFirstAndCountEveryMatchingEntryEvenPastTheLastPage() {
        UUID journal = open("north");
        List<UUID> notes = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        for (int i = 0; i < notes.size(); i++) {
            Instant at = T0.plusSeconds(60L * i);
            UUID note = notes.get(i);
            handle(() -> timeline.on(new ContactNoteRecordedEvent(journal, note, "anna",
                    ContactType.INDIVIDUAL_CONVERSATION, at, 30, "note", false), at));
        }

        JournalTimeline first = page(journal, null, null, 0);
        JournalTimeline second = page(journal, null, null, 1);
        JournalTimeline past = page(journal, null, null, 5);
        JournalTimeline window = page(journal, T0, T0.plusSeconds(60), 0);

        assertThat(first.entries()).extracting(TimelineEntry::entryId).containsExactly(notes.get(2), notes.get(1));
        assertThat(second.entries()).extracting(TimelineEntry::entryId).containsExactly(notes.get(0));
        assertThat(past.entries()).isEmpty();
        assertThat(List.of(first.totalEntries(), second.totalEntries(), past.totalEntries())).containsOnly(3L);
        assertThat(window.entries()).extracting(TimelineEntry::entryId).containsExactly(notes.get(0));
        assertThat(window.totalEntries()).isEqualTo(1);
    }

    @Test
    void aReplayEmptiesTheEntriesButKeepsTheJournalSoATimelineIsNeverNotFound() {
        UUID journal = open("north");
        handle(() -> timeline.on(new ContactNoteRecordedEvent(journal, UUID.randomUUID(), "anna",
                ContactType.GROUP_SESSION, T0, 60, "group", false), T0));

        resetForReplay(timeline);

        assertThat(find(journal, "north", Set.of(), true).orElseThrow().entries()).isEmpty();
        assertThat(rows("select count(*) from note_revision")).isZero();
    }

    private UUID open(String team) {
        UUID journal = UUID.randomUUID();
        handle(() -> timeline.on(new JournalOpenedEvent(journal, team, "P-" + journal, "Berit")));
        return journal;
    }

    private List<TimelineEntry> entries(UUID journal, String team, boolean includeRetracted) {
        return find(journal, team, Set.of(), includeRetracted).orElseThrow().entries();
    }

    private JournalTimeline page(UUID journal, Instant from, Instant to, int page) {
        return query(() -> timeline.handle(new FindJournalTimelineQuery(journal, "north", from, to, Set.of(), false,
                page, 2))).orElseThrow();
    }

    private Optional<JournalTimeline> find(UUID journal, String team, Set<EntryType> types, boolean retracted) {
        return query(() -> timeline.handle(new FindJournalTimelineQuery(journal, team, null, null, types, retracted,
                0, 50)));
    }
}
