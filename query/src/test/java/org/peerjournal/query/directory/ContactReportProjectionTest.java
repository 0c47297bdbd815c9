package org.peerjournal.query.directory;

import org.junit.jupiter.api.Test;
import org.peerjournal.query.projection.ProjectionTest;
import org.peerjournal.shared.journal.ContactType;
import org.peerjournal.shared.journal.event.ContactNoteRecordedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRetractedEvent;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;
import org.peerjournal.shared.team.ContactReport;
import org.peerjournal.shared.team.FindContactReportQuery;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerjournal.shared.journal.ContactType.GROUP_SESSION;
import static org.peerjournal.shared.journal.ContactType.INDIVIDUAL_CONVERSATION;

class ContactReportProjectionTest extends ProjectionTest {

    @Autowired
    private JournalListProjection list;
    @Autowired
    private ContactReportProjection contacts;

    @Test
    void reportsWholeMonthsFromTheRollupAndPartialMonthsFromTheNotesExactlyAtBothEnds() {
        UUID journal = open("north");
        note(journal, INDIVIDUAL_CONVERSATION, "2026-01-31T23:59:59.999Z", 10);
        note(journal, INDIVIDUAL_CONVERSATION, "2026-02-01T00:00:00Z", 20);
        note(journal, INDIVIDUAL_CONVERSATION, "2026-03-15T12:00:00Z", 30);
        note(journal, GROUP_SESSION, "2026-04-10T12:00:00Z", 40);
        note(journal, GROUP_SESSION, "2026-04-20T12:00:00Z", 50);

        // From the last millisecond of January (a partial month), February and March whole, April until the 20th.
        ContactReport report = report("north", "2026-01-31T23:59:59.999Z", "2026-04-20T12:00:00Z");

        assertThat(report.rows()).containsExactlyInAnyOrder(
                new ContactReport.Row(journal, INDIVIDUAL_CONVERSATION, 3, 60),
                new ContactReport.Row(journal, GROUP_SESSION, 1, 40));
        assertThat(rows("select count(*) from contact_month where journal_id = '" + journal + "'")).isEqualTo(4);
    }

    @Test
    void aRetractedNoteLeavesTheReportAndTheRollupOnce() {
        UUID journal = open("north");
        note(journal, INDIVIDUAL_CONVERSATION, "2026-02-10T12:00:00Z", 20);
        UUID retracted = note(journal, INDIVIDUAL_CONVERSATION, "2026-02-11T12:00:00Z", 25);

        ContactNoteRetractedEvent retraction = new ContactNoteRetractedEvent(journal, retracted, "wrong", "anna");
        handle(() -> contacts.on(retraction));
        handle(() -> contacts.on(retraction));

        assertThat(report("north", "2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z").rows())
                .containsExactly(new ContactReport.Row(journal, INDIVIDUAL_CONVERSATION, 1, 20));
        assertThat(jdbc.queryForObject("select individual_conversation_contacts from contact_month", Long.class))
                .isEqualTo(1);
        assertThat(rows("select count(*) from contact_entry where retracted = true")).isEqualTo(1);
    }

    @Test
    void countsAContactForItsJournalsTeamOnlyAndIgnoresANoteOfAnUnknownJournal() {
        UUID north = open("north");
        UUID south = open("south");
        note(north, GROUP_SESSION, "2026-02-10T12:00:00Z", 60);
        note(south, GROUP_SESSION, "2026-02-10T12:00:00Z", 90);
        note(UUID.randomUUID(), GROUP_SESSION, "2026-02-10T12:00:00Z", 15);

        assertThat(report("north", "2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z").rows())
                .containsExactly(new ContactReport.Row(north, GROUP_SESSION, 1, 60));
        assertThat(rows("select count(*) from contact_entry")).isEqualTo(2);
    }

    @Test
    void notesAndARetractionHandledInOneBatchAddUpInTheRollup() {
        UUID journal = open("north");
        ContactNoteRecordedEvent first = recorded(journal, INDIVIDUAL_CONVERSATION, "2026-02-10T12:00:00Z", 20);
        ContactNoteRecordedEvent second = recorded(journal, INDIVIDUAL_CONVERSATION, "2026-02-11T12:00:00Z", 25);
        ContactNoteRecordedEvent other = recorded(journal, GROUP_SESSION, "2026-02-12T12:00:00Z", 40);
        ContactNoteRecordedEvent march = recorded(journal, GROUP_SESSION, "2026-03-01T12:00:00Z", 50);

        // As a processor handles a batch: every event in one transaction, the rollup written once at its commit.
        handle(() -> {
            List.of(first, second, other, march).forEach(contacts::on);
            contacts.on(new ContactNoteRetractedEvent(journal, second.noteId(), "wrong", "anna"));
        });

        assertThat(jdbc.queryForList("select calendar_month, individual_conversation_contacts,"
                + " individual_conversation_minutes, group_session_contacts, group_session_minutes from contact_month"
                + " order by calendar_month")).extracting(row -> List.copyOf(row.values())).containsExactly(
                List.of(CalendarMonth.of(Instant.parse("2026-02-01T00:00:00Z")).key(), 1, 20L, 1, 40L),
                List.of(CalendarMonth.of(Instant.parse("2026-03-01T00:00:00Z")).key(), 0, 0L, 1, 50L));
        assertThat(report("north", "2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z").rows()).containsExactlyInAnyOrder(
                new ContactReport.Row(journal, INDIVIDUAL_CONVERSATION, 1, 20),
                new ContactReport.Row(journal, GROUP_SESSION, 2, 90));
    }

    @Test
    void aReplayEmptiesTheContactsAndTheRollup() {
        note(open("north"), GROUP_SESSION, "2026-02-10T12:00:00Z", 60);

        resetForReplay(contacts);

        assertThat(rows("select count(*) from contact_entry") + rows("select count(*) from contact_month")).isZero();
    }

    private UUID open(String team) {
        UUID journal = UUID.randomUUID();
        handle(() -> list.on(new JournalOpenedEvent(journal, team, "P-" + journal, "Berit"),
                Instant.parse("2026-01-01T08:00:00Z")));
        return journal;
    }

    private UUID note(UUID journal, ContactType type, String occurredAt, int minutes) {
        ContactNoteRecordedEvent event = recorded(journal, type, occurredAt, minutes);
        handle(() -> contacts.on(event));
        return event.noteId();
    }

    private static ContactNoteRecordedEvent recorded(UUID journal, ContactType type, String occurredAt, int minutes) {
        return new ContactNoteRecordedEvent(journal, UUID.randomUUID(), "anna", type, Instant.parse(occurredAt),
                minutes, "talked", false);
    }

    private ContactReport report(String team, String from, String to) {
        return query(() -> contacts.handle(new FindContactReportQuery(team, Instant.parse(from), Instant.parse(to))));
    }
}
