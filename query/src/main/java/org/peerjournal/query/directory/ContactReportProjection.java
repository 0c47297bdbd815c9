package org.peerjournal.query.directory;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.peerjournal.query.projection.ProjectionTables;
import org.peerjournal.query.projection.ReadModel;
import org.peerjournal.query.projection.ReadModel.Measure;
import org.peerjournal.query.projection.ReadModelProjection;
import org.peerjournal.shared.journal.event.ContactNoteRecordedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRetractedEvent;
import org.peerjournal.shared.team.ContactReport;
import org.peerjournal.shared.team.FindContactReportQuery;
import org.springframework.stereotype.Component;

/**
 * The contacts: one row per contact note ({@code contact_entry}: contacts per worker, the partial months of a
 * report) and their monthly rollup ({@code contact_month}: the whole months of a report). It answers the contact
 * report.
 */
@Component
@ProcessingGroup(JournalDirectory.PROCESSING_GROUP)
class ContactReportProjection extends ReadModelProjection {

    /**
     * The monthly rollup counts every recorded note until it is retracted: its contacts plus the retracted notes
     * make the recorded notes again, or the rollup has drifted from the notes (and the contact report with it).
     */
    private static final Measure ROLLUP_KEEPS_EVERY_NOTE = new Measure(
            ContactMonthColumns.TABLE + " contacts + contact_entry where retracted = true",
            "select (select " + ContactMonthColumns.totalContacts() + " from " + ContactMonthColumns.TABLE + ")"
                    + " + (select count(*) from contact_entry where retracted = true)");
    static final ReadModel READ_MODEL = ReadModel.of(JournalDirectory.PROCESSING_GROUP, ContactMonthColumns.TABLE,
                    "contact_entry")
            .counts(ContactNoteRecordedEvent.class, Measure.rows("contact_entry"), ROLLUP_KEEPS_EVERY_NOTE)
            .counts(ContactNoteRetractedEvent.class, Measure.rows("contact_entry", "retracted = true"));

    private final JournalDirectoryRepository journals;
    private final ContactEntryRepository contacts;
    private final ContactMonths months;
    private final ContactReportReader report;

    ContactReportProjection(JournalDirectoryRepository journals, ContactEntryRepository contacts,
            ContactMonths months, ContactReportReader report, ProjectionTables tables) {
        super(READ_MODEL, tables);
        this.journals = journals;
        this.contacts = contacts;
        this.months = months;
        this.report = report;
    }

    /** A contact counts for the team of its journal (from the journal list, written when the journal opened). */
    @EventHandler
    void on(ContactNoteRecordedEvent event) {
        journals.findById(event.journalId()).ifPresent(journal -> months.count(
                contacts.save(new ContactEntryRecord(event.noteId(), event.journalId(), journal.teamId(), event.authorId(),
                        event.contactType(), event.occurredAt(), event.durationMinutes()))));
    }

    @EventHandler
    void on(ContactNoteRetractedEvent event) {
        contacts.findById(event.noteId()).filter(contact -> !contact.retracted()).ifPresent(contact -> {
            contact.retract();
            months.uncount(contact);
        });
    }

    @QueryHandler
    ContactReport handle(FindContactReportQuery query) {
        return report.contactReport(query);
    }
}
