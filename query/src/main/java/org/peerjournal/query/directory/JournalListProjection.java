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
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * The journal list: one row per journal ({@code journal_directory}) with its last (non-retracted) contact and its
 * open escalations and loyalty conflicts. It answers the team's journal list and the journals of a {@code patientRef}.
 */
@Component
@ProcessingGroup(JournalDirectory.PROCESSING_GROUP)
class JournalListProjection extends ReadModelProjection {

    static final ReadModel READ_MODEL = ReadModel.of(JournalDirectory.PROCESSING_GROUP, "journal_directory")
            .counts(JournalOpenedEvent.class, Measure.rows("journal_directory"));

    private final JournalDirectoryRepository journals;
    private final ContactEntryRepository contacts;

    JournalListProjection(JournalDirectoryRepository journals, ContactEntryRepository contacts,
            ProjectionTables tables) {
        super(READ_MODEL, tables);
        this.journals = journals;
        this.contacts = contacts;
    }

    @EventHandler
    void on(JournalOpenedEvent event, @Timestamp Instant recordedAt) {
        journals.save(new JournalDirectoryRecord(event.journalId(), event.teamId(), event.patientRef(),
                event.displayName(), recordedAt));
    }

    @EventHandler
    void on(ContactNoteRecordedEvent event) {
        journals.findById(event.journalId()).ifPresent(journal -> journal.contactRecorded(event.occurredAt()));
    }

    /**
     * The last contact is whatever other note remains: asked of the contact report's rows without the retracted
     * note, so it does not matter which of the two projections handles the retraction first.
     */
    @EventHandler
    void on(ContactNoteRetractedEvent event) {
        journals.findById(event.journalId()).ifPresent(journal ->
                journal.lastContactAt(contacts.lastContactOfExcept(event.journalId(), event.noteId())));
    }

    @EventHandler
    void on(SafetyEscalationRaisedEvent event) {
        journals.findById(event.journalId()).ifPresent(JournalDirectoryRecord::escalationRaised);
    }

    @EventHandler
    void on(SafetyEscalationOverdueEvent event) {
        journals.findById(event.journalId()).ifPresent(JournalDirectoryRecord::escalationOverdue);
    }

    @EventHandler
    void on(SafetyEscalationAcknowledgedEvent event) {
        journals.findById(event.journalId()).ifPresent(journal -> journal.escalationAcknowledged(event.wasOverdue()));
    }

    @EventHandler
    void on(LoyaltyConflictFlaggedEvent event) {
        journals.findById(event.journalId()).ifPresent(JournalDirectoryRecord::conflictFlagged);
    }

    @EventHandler
    void on(LoyaltyConflictResolvedEvent event) {
        journals.findById(event.journalId()).ifPresent(JournalDirectoryRecord::conflictResolved);
    }

    @QueryHandler
    JournalSummaryPage handle(FindJournalsQuery query) {
        return Pages.read(query.page(),
                page -> journals.findByTeamIdOrderByDisplayNameAscJournalIdAsc(query.teamId(), page)
                        .map(JournalDirectoryRecord::toSummary), JournalSummaryPage::new);
    }

    @QueryHandler
    List<JournalSummary> handle(FindJournalsByPatientRefQuery query) {
        return journals.findByPatientRefOrderByOpenedAtAsc(query.patientRef()).stream()
                .map(JournalDirectoryRecord::toSummary).toList();
    }
}
