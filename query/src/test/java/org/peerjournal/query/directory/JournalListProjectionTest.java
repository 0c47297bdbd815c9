package org.peerjournal.query.directory;

import org.junit.jupiter.api.Test;
import org.peerjournal.query.projection.ProjectionTest;
import org.peerjournal.shared.conflict.ConflictKind;
import org.peerjournal.shared.conflict.LoyaltyConflictFlaggedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictResolvedEvent;
import org.peerjournal.shared.escalation.EscalationCategory;
import org.peerjournal.shared.escalation.EscalationSeverity;
import org.peerjournal.shared.escalation.SafetyEscalationAcknowledgedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationRaisedEvent;
import org.peerjournal.shared.journal.ContactType;
import org.peerjournal.shared.journal.event.ContactNoteRecordedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRetractedEvent;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;
import org.peerjournal.shared.journal.query.FindJournalsByPatientRefQuery;
import org.peerjournal.shared.journal.query.FindJournalsQuery;
import org.peerjournal.shared.journal.query.JournalSummary;
import org.peerjournal.shared.paging.PageRequest;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class JournalListProjectionTest extends ProjectionTest {

    static final Instant OPENED = Instant.parse("2026-03-01T08:00:00Z");

    @Autowired
    private JournalListProjection list;
    @Autowired
    private ContactReportProjection contacts;

    @Test
    void listsATeamsJournalsByNameAndNoOtherTeams() {
        UUID berit = open("north", "P-1", "Berit");
        UUID adam = open("north", "P-2", "Adam");
        open("south", "P-3", "Cecilia");

        assertThat(page("north", 0, 50)).extracting(JournalSummary::journalId).containsExactly(adam, berit);
        assertThat(page("north", 0, 1)).extracting(JournalSummary::displayName).containsExactly("Adam");
        assertThat(query(() -> list.handle(new FindJournalsQuery("north", new PageRequest(0, 1)))).hasNext())
                .isTrue();
        assertThat(query(() -> list.handle(new FindJournalsByPatientRefQuery("P-3"))))
                .extracting(JournalSummary::teamId).containsExactly("south");
    }

    @Test
    void theLastContactIsTheLatestUnretractedNoteWhicheverProjectionHandlesTheRetractionFirst() {
        UUID journal = open("north", "P-1", "Berit");
        UUID early = note(journal, OPENED.plusSeconds(3600));
        UUID late = note(journal, OPENED.plusSeconds(7200));
        assertThat(summary(journal).lastContactAt()).isEqualTo(OPENED.plusSeconds(7200));

        // The list first, then the contacts ...
        ContactNoteRetractedEvent retractLate = new ContactNoteRetractedEvent(journal, late, "wrong journal", "anna");
        handle(() -> list.on(retractLate));
        handle(() -> contacts.on(retractLate));
        assertThat(summary(journal).lastContactAt()).isEqualTo(OPENED.plusSeconds(3600));

        // ... or the other way round: the same answer.
        ContactNoteRetractedEvent retractEarly = new ContactNoteRetractedEvent(journal, early, "wrong journal", "anna");
        handle(() -> contacts.on(retractEarly));
        handle(() -> list.on(retractEarly));
        assertThat(summary(journal).lastContactAt()).isNull();
    }

    @Test
    void countsOpenEscalationsUntilAcknowledgedAndOpenConflictsUntilResolved() {
        UUID journal = open("north", "P-1", "Berit");
        UUID escalation = UUID.randomUUID();
        UUID conflict = UUID.randomUUID();
        handle(() -> list.on(new SafetyEscalationRaisedEvent(journal, escalation, "north",
                EscalationCategory.SUICIDE_RISK, EscalationSeverity.URGENT, "says so", true, List.of(), "anna",
                OPENED.plusSeconds(3600), "d-1")));
        handle(() -> list.on(new LoyaltyConflictFlaggedEvent(journal, conflict, "north", ConflictKind.MEDICATION,
                "dose", "too high", "as prescribed", true, "anna")));
        assertThat(summary(journal)).extracting(JournalSummary::openEscalations, JournalSummary::openLoyaltyConflicts)
                .containsExactly(1, 1);

        handle(() -> list.on(new SafetyEscalationAcknowledgedEvent(journal, escalation, "north",
                EscalationSeverity.URGENT, "carl", "called", false)));
        handle(() -> list.on(new LoyaltyConflictResolvedEvent(journal, conflict, "north", "agreed", "tina")));
        assertThat(summary(journal)).extracting(JournalSummary::openEscalations, JournalSummary::openLoyaltyConflicts)
                .containsExactly(0, 0);
    }

    @Test
    void aReplayEmptiesTheList() {
        open("north", "P-1", "Berit");

        resetForReplay(list);

        assertThat(page("north", 0, 50)).isEmpty();
        assertThat(rows("select count(*) from journal_directory")).isZero();
    }

    private UUID open(String team, String patientRef, String name) {
        UUID journal = UUID.randomUUID();
        handle(() -> list.on(new JournalOpenedEvent(journal, team, patientRef, name), OPENED));
        return journal;
    }

    private UUID note(UUID journal, Instant occurredAt) {
        ContactNoteRecordedEvent event = new ContactNoteRecordedEvent(journal, UUID.randomUUID(), "anna",
                ContactType.INDIVIDUAL_CONVERSATION, occurredAt, 30, "talked", false);
        handle(() -> list.on(event));
        handle(() -> contacts.on(event));
        return event.noteId();
    }

    private List<JournalSummary> page(String team, int page, int size) {
        return query(() -> list.handle(new FindJournalsQuery(team, new PageRequest(page, size)))).items();
    }

    private JournalSummary summary(UUID journal) {
        return page("north", 0, 50).stream().filter(summary -> summary.journalId().equals(journal)).findFirst()
                .orElseThrow();
    }
}
