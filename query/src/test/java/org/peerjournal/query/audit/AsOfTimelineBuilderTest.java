package org.peerjournal.query.audit;

import org.junit.jupiter.api.Test;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.journal.ContactType;
import org.peerjournal.shared.journal.event.ContactNoteCorrectedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRecordedEvent;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;
import org.peerjournal.shared.journal.query.JournalTimeline;
import org.peerjournal.shared.journal.query.TimelineEntry;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AsOfTimelineBuilderTest {

    private static final Actor LEAD = new Actor("david", Role.TEAM_LEAD, "north");
    private static final Actor PSW = new Actor("anna", Role.PSW, "north");
    private static final Instant OPENED = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant RECORDED = OPENED.plusSeconds(600);
    private static final Instant CORRECTED = OPENED.plusSeconds(1200);
    private static final Instant SECOND_NOTE = OPENED.plusSeconds(1800);

    private final UUID journalId = UUID.randomUUID();
    private final UUID noteId = UUID.randomUUID();
    private final JournalEvents events = new JournalEvents(journalId)
            .add(OPENED, LEAD, new JournalOpenedEvent(journalId, "north", "NR-1", "Maria S."))
            .add(RECORDED, PSW, note(noteId, "as first written"))
            .add(CORRECTED, PSW, new ContactNoteCorrectedEvent(journalId, noteId, 2, "as corrected", "typo", "anna"))
            .add(SECOND_NOTE, PSW, note(UUID.randomUUID(), "later"));

    @Test
    void aNoteCorrectedAfterAsOfShowsTheTextOfThen() {
        JournalTimeline timeline = AsOfTimelineBuilder.build(events.list(), CORRECTED.minusMillis(1));

        assertThat(timeline.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.entryId()).isEqualTo(noteId);
            assertThat(entry.text()).isEqualTo("as first written");
            assertThat(entry.revisions()).hasSize(1);
        });
        assertThat(timeline.totalEntries()).isEqualTo(1);
    }

    @Test
    void anEventStoredExactlyAtAsOfIsIncluded() {
        JournalTimeline timeline = AsOfTimelineBuilder.build(events.list(), SECOND_NOTE);

        assertThat(timeline.entries()).hasSize(2);
        assertThat(timeline.entries()).extracting(TimelineEntry::text).containsExactly("later", "as corrected");
    }

    @Test
    void beforeItWasOpenedTheJournalIsNamedAndEmpty() {
        JournalTimeline timeline = AsOfTimelineBuilder.build(events.list(), OPENED.minusSeconds(1));

        assertThat(timeline.journalId()).isEqualTo(journalId);
        assertThat(timeline.displayName()).isEqualTo("Maria S.");
        assertThat(timeline.teamId()).isEqualTo("north");
        assertThat(timeline.entries()).isEmpty();
    }

    private ContactNoteRecordedEvent note(UUID id, String text) {
        return new ContactNoteRecordedEvent(journalId, id, "anna", ContactType.PHONE_OR_VIDEO, OPENED, 15, text,
                false);
    }
}
