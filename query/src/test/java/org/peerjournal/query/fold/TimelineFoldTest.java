package org.peerjournal.query.fold;

import org.junit.jupiter.api.Test;
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
import org.peerjournal.shared.journal.query.TimelineEntry;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineFoldTest {

    private static final UUID JOURNAL = UUID.randomUUID();
    private static final String TEAM = "north";
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private final TimelineFold fold = new TimelineFold()
            .apply(new JournalOpenedEvent(JOURNAL, TEAM, "NR-1", "Maria S."), T0);

    @Test
    void aCorrectionAddsARevisionAndKeepsTheOriginal() {
        UUID note = UUID.randomUUID();
        fold.apply(recorded(note, "first"), T0.plusSeconds(60))
                .apply(new ContactNoteCorrectedEvent(JOURNAL, note, 2, "second", "typo", "anna"), T0.plusSeconds(120));

        TimelineEntry entry = fold.entries().get(0);
        assertThat(entry.status()).isEqualTo("CORRECTED");
        assertThat(entry.text()).isEqualTo("second");
        assertThat(entry.revision()).isEqualTo(2);
        assertThat(entry.recordedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(entry.revisions()).containsExactly(
                new TimelineEntry.NoteRevision(1, "first", "anna", T0.plusSeconds(60), null),
                new TimelineEntry.NoteRevision(2, "second", "anna", T0.plusSeconds(120), "typo"));
        assertThat(entry.retracted()).isFalse();
        assertThat(entry.retraction()).isNull();
    }

    @Test
    void aRetractedNoteStaysWithItsReasonAndStaysRetracted() {
        UUID note = UUID.randomUUID();
        fold.apply(recorded(note, "wrong patient"), T0.plusSeconds(60))
                .apply(new ContactNoteRetractedEvent(JOURNAL, note, "entered in error", "david"), T0.plusSeconds(90))
                .apply(new ContactNoteCorrectedEvent(JOURNAL, note, 2, "late fix", "why", "anna"), T0.plusSeconds(99));

        TimelineEntry entry = fold.entries().get(0);
        assertThat(entry.status()).isEqualTo("RETRACTED");
        assertThat(entry.retracted()).isTrue();
        assertThat(entry.retraction())
                .isEqualTo(new TimelineEntry.Retraction("entered in error", "david", T0.plusSeconds(90)));
    }

    @Test
    void anEscalationGoesOverdueWithoutChangingItsStatusThenIsAcknowledgedAndResolved() {
        UUID escalation = UUID.randomUUID();
        Instant deadline = T0.plusSeconds(900);
        fold.apply(new SafetyEscalationRaisedEvent(JOURNAL, escalation, TEAM, EscalationCategory.SUICIDE_RISK,
                EscalationSeverity.IMMEDIATE, "said goodbye", true, List.of("nurse"), "anna", deadline, "d-1"), T0);
        fold.apply(new SafetyEscalationOverdueEvent(JOURNAL, escalation, TEAM, EscalationSeverity.IMMEDIATE,
                deadline), deadline);
        assertThat(fold.entries().get(0).status()).isEqualTo("OPEN");
        assertThat(fold.entries().get(0).escalation().overdue()).isTrue();

        fold.apply(new SafetyEscalationAcknowledgedEvent(JOURNAL, escalation, TEAM, EscalationSeverity.IMMEDIATE,
                "clara", "called", true), deadline.plusSeconds(60));
        fold.apply(new SafetyEscalationResolvedEvent(JOURNAL, escalation, TEAM, EscalationSeverity.IMMEDIATE,
                "david", "safe"), deadline.plusSeconds(120));

        TimelineEntry entry = fold.entries(EntryType.ESCALATION).get(0);
        assertThat(entry.status()).isEqualTo("RESOLVED");
        assertThat(entry.occurredAt()).isEqualTo(T0);
        assertThat(entry.author()).isEqualTo("anna");
        assertThat(entry.escalation()).isEqualTo(new TimelineEntry.EscalationDetails(EscalationCategory.SUICIDE_RISK,
                EscalationSeverity.IMMEDIATE, "said goodbye", true, List.of("nurse"), deadline, true, deadline,
                deadline.plusSeconds(60), "clara", "called", deadline.plusSeconds(120), "david", "safe"));
    }

    @Test
    void aConflictCollectsItsDiscussionsInOrderUntilResolved() {
        UUID conflict = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        fold.apply(new LoyaltyConflictFlaggedEvent(JOURNAL, conflict, TEAM, ConflictKind.MEDICATION, "stop pills",
                "wants to stop", "keep the plan", true, "anna"), T0)
                .apply(new LoyaltyConflictDiscussedEvent(JOURNAL, conflict, first, TEAM,
                        DiscussionForum.TEAM_MEETING, "talked", "clara"), T0.plusSeconds(10));
        assertThat(fold.entries().get(0).status()).isEqualTo("OPEN");

        fold.apply(new LoyaltyConflictDiscussedEvent(JOURNAL, conflict, second, TEAM, DiscussionForum.SUPERVISION,
                "supervised", "david"), T0.plusSeconds(20))
                .apply(new LoyaltyConflictResolvedEvent(JOURNAL, conflict, TEAM, "plan kept", "david"),
                        T0.plusSeconds(30));

        TimelineEntry entry = fold.entries().get(0);
        assertThat(entry.status()).isEqualTo("RESOLVED");
        assertThat(entry.loyaltyConflict().discussions()).extracting(TimelineEntry.Discussion::discussionId)
                .containsExactly(first, second);
        assertThat(entry.loyaltyConflict().resolution()).isEqualTo("plan kept");
        assertThat(entry.loyaltyConflict().resolvedAt()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void newestContactFirstThenNewestRecordedFirst() {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        UUID sameContactRecordedLater = UUID.randomUUID();
        fold.apply(recordedAt(recent, T0.minusSeconds(60)), T0.plusSeconds(1))
                .apply(recordedAt(old, T0.minusSeconds(3600)), T0.plusSeconds(2))
                .apply(recordedAt(sameContactRecordedLater, T0.minusSeconds(60)), T0.plusSeconds(3));

        assertThat(fold.newestFirst()).extracting(TimelineEntry::entryId)
                .containsExactly(sameContactRecordedLater, recent, old);
        assertThat(fold.opening().displayName()).isEqualTo("Maria S.");
    }

    @Test
    void eventsAboutEntriesItNeverSawChangeNothing() {
        fold.apply(new ContactNoteRetractedEvent(JOURNAL, UUID.randomUUID(), "?", "david"), T0)
                .apply(new LoyaltyConflictResolvedEvent(JOURNAL, UUID.randomUUID(), TEAM, "?", "david"), T0);

        assertThat(fold.entries()).isEmpty();
    }

    private static ContactNoteRecordedEvent recorded(UUID note, String text) {
        return new ContactNoteRecordedEvent(JOURNAL, note, "anna", ContactType.HOME_VISIT, T0, 30, text, false);
    }

    private static ContactNoteRecordedEvent recordedAt(UUID note, Instant occurredAt) {
        return new ContactNoteRecordedEvent(JOURNAL, note, "anna", ContactType.HOME_VISIT, occurredAt, 30, "x",
                false);
    }
}
