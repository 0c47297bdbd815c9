package org.peerjournal.query.directory;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.peerjournal.query.projection.Pages;
import org.peerjournal.query.projection.ProjectionTables;
import org.peerjournal.query.projection.ReadModel;
import org.peerjournal.query.projection.ReadModel.Measure;
import org.peerjournal.query.projection.ReadModelProjection;
import org.peerjournal.shared.conflict.DiscussionForum;
import org.peerjournal.shared.conflict.LoyaltyConflictDiscussedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictFlaggedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictResolvedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationAcknowledgedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationOverdueEvent;
import org.peerjournal.shared.escalation.SafetyEscalationRaisedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRecordedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRetractedEvent;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;
import org.peerjournal.shared.journal.query.FindJournalsByPatientRefQuery;
import org.peerjournal.shared.journal.query.FindJournalsQuery;
import org.peerjournal.shared.journal.query.JournalSummary;
import org.peerjournal.shared.journal.query.JournalSummaryPage;
import org.peerjournal.shared.team.ContactReport;
import org.peerjournal.shared.team.FindContactReportQuery;
import org.peerjournal.shared.team.FindTeamOverviewQuery;
import org.peerjournal.shared.team.TeamOverview;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * The team directory: each team's journals with their last (non-retracted) contact and their open escalations
 * and loyalty conflicts, every contact (for counts per worker and the contact report) and their monthly rollup (for
 * the contact report), and every loyalty conflict (for supervision requests). It answers the journal list, the team overview and the contact report.
 */
@Component
@ProcessingGroup(JournalDirectoryProjection.NAME)
class JournalDirectoryProjection extends ReadModelProjection {

    static final String NAME = "journal-directory";
    /**
     * The monthly rollup counts every recorded note until it is retracted: its contacts plus the retracted notes
     * make the recorded notes again, or the rollup has drifted from the notes (and the contact report with it).
     */
    private static final Measure ROLLUP_KEEPS_EVERY_NOTE = new Measure(
            ContactMonthColumns.TABLE + " contacts + contact_entry where retracted = true",
            "select (select " + ContactMonthColumns.totalContacts() + " from " + ContactMonthColumns.TABLE + ")"
                    + " + (select count(*) from contact_entry where retracted = true)");
    static final ReadModel READ_MODEL = ReadModel.of(NAME, "conflict_entry", ContactMonthColumns.TABLE,
                    "contact_entry", "journal_directory")
            .counts(JournalOpenedEvent.class, Measure.rows("journal_directory"))
            .counts(ContactNoteRecordedEvent.class, Measure.rows("contact_entry"), ROLLUP_KEEPS_EVERY_NOTE)
            .counts(ContactNoteRetractedEvent.class, Measure.rows("contact_entry", "retracted = true"))
            .counts(LoyaltyConflictFlaggedEvent.class, Measure.rows("conflict_entry"))
            .counts(LoyaltyConflictResolvedEvent.class, Measure.rows("conflict_entry", "resolved = true"));

    private final JournalDirectoryRepository journals;
    private final ContactEntryRepository contacts;
    private final ConflictEntryRepository conflicts;
    private final ContactMonths months;
    private final TeamOverviewReader overview;
    private final ContactReportReader report;

    JournalDirectoryProjection(JournalDirectoryRepository journals, ContactEntryRepository contacts,
            ConflictEntryRepository conflicts, ContactMonths months, TeamOverviewReader overview,
            ContactReportReader report, ProjectionTables tables) {
        super(READ_MODEL, tables);
        this.journals = journals;
        this.contacts = contacts;
        this.conflicts = conflicts;
        this.months = months;
        this.overview = overview;
        this.report = report;
    }

    @EventHandler
    void on(JournalOpenedEvent event, @Timestamp Instant recordedAt) {
        journals.save(new JournalDirectoryEntry(event.journalId(), event.teamId(), event.patientRef(),
                event.displayName(), recordedAt));
    }

    @EventHandler
    void on(ContactNoteRecordedEvent event) {
        journals.findById(event.journalId()).ifPresent(journal -> {
            ContactEntry contact = contacts.save(new ContactEntry(event.noteId(), event.journalId(), journal.teamId(),
                    event.authorId(), event.contactType(), event.occurredAt(), event.durationMinutes()));
            months.count(contact);
            journal.contactRecorded(event.occurredAt());
        });
    }

    @EventHandler
    void on(ContactNoteRetractedEvent event) {
        contacts.findById(event.noteId()).filter(contact -> !contact.retracted()).ifPresent(contact -> {
            contact.retract();
            months.uncount(contact);
        });
        contacts.flush();
        journals.findById(event.journalId())
                .ifPresent(journal -> journal.lastContactAt(contacts.lastContactOf(event.journalId())));
    }

    @EventHandler
    void on(SafetyEscalationRaisedEvent event) {
        journals.findById(event.journalId()).ifPresent(JournalDirectoryEntry::escalationRaised);
    }

    @EventHandler
    void on(SafetyEscalationOverdueEvent event) {
        journals.findById(event.journalId()).ifPresent(JournalDirectoryEntry::escalationOverdue);
    }

    @EventHandler
    void on(SafetyEscalationAcknowledgedEvent event) {
        journals.findById(event.journalId()).ifPresent(journal -> journal.escalationAcknowledged(event.wasOverdue()));
    }

    @EventHandler
    void on(LoyaltyConflictFlaggedEvent event, @Timestamp Instant flaggedAt) {
        conflicts.save(new ConflictEntry(event.conflictId(), event.journalId(), event.teamId(), event.kind(),
                event.flaggedBy(), flaggedAt, event.supervisionRequested()));
        journals.findById(event.journalId()).ifPresent(JournalDirectoryEntry::conflictFlagged);
    }

    @EventHandler
    void on(LoyaltyConflictDiscussedEvent event) {
        if (event.forum() == DiscussionForum.SUPERVISION) {
            conflicts.findById(event.conflictId()).ifPresent(ConflictEntry::supervisionHeld);
        }
    }

    @EventHandler
    void on(LoyaltyConflictResolvedEvent event) {
        conflicts.findById(event.conflictId()).ifPresent(ConflictEntry::resolve);
        journals.findById(event.journalId()).ifPresent(JournalDirectoryEntry::conflictResolved);
    }

    @QueryHandler
    JournalSummaryPage handle(FindJournalsQuery query) {
        return Pages.read(query.page(),
                page -> journals.findByTeamIdOrderByDisplayNameAscJournalIdAsc(query.teamId(), page)
                        .map(JournalDirectoryEntry::toSummary), JournalSummaryPage::new);
    }

    @QueryHandler
    List<JournalSummary> handle(FindJournalsByPatientRefQuery query) {
        return journals.findByPatientRefOrderByOpenedAtAsc(query.patientRef()).stream()
                .map(JournalDirectoryEntry::toSummary).toList();
    }

    @QueryHandler
    TeamOverview handle(FindTeamOverviewQuery query) {
        return overview.overview(query);
    }

    @QueryHandler
    ContactReport handle(FindContactReportQuery query) {
        return report.contactReport(query);
    }
}
