package org.peerjournal.query.directory;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.peerjournal.shared.escalation.SafetyEscalationAcknowledgedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationRaisedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRecordedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRetractedEvent;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;
import org.peerjournal.shared.journal.query.FindJournalsQuery;
import org.peerjournal.shared.journal.query.JournalSummary;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The team's list of journals, with each journal's last (non-retracted) contact. */
@Component
@ProcessingGroup(JournalDirectoryProjection.NAME)
class JournalDirectoryProjection {

    static final String NAME = "journal-directory";

    private final JournalDirectoryRepository journals;
    private final ContactEntryRepository contacts;

    JournalDirectoryProjection(JournalDirectoryRepository journals, ContactEntryRepository contacts) {
        this.journals = journals;
        this.contacts = contacts;
    }

    @EventHandler
    void on(JournalOpenedEvent event, @Timestamp Instant recordedAt) {
        journals.save(new JournalDirectoryEntry(event.journalId(), event.teamId(), event.patientRef(),
                event.displayName(), recordedAt));
    }

    @EventHandler
    void on(ContactNoteRecordedEvent event) {
        contacts.save(new ContactEntry(event.noteId(), event.journalId(), event.authorId(), event.contactType(),
                event.occurredAt(), event.durationMinutes()));
        refreshLastContact(event.journalId());
    }

    @EventHandler
    void on(ContactNoteRetractedEvent event) {
        contacts.findById(event.noteId()).ifPresent(ContactEntry::retract);
        refreshLastContact(event.journalId());
    }

    @EventHandler
    void on(SafetyEscalationRaisedEvent event) {
        journals.findById(event.journalId()).ifPresent(JournalDirectoryEntry::escalationRaised);
    }

    @EventHandler
    void on(SafetyEscalationAcknowledgedEvent event) {
        journals.findById(event.journalId()).ifPresent(JournalDirectoryEntry::escalationAcknowledged);
    }

    @ResetHandler
    void reset() {
        contacts.deleteAllInBatch();
        journals.deleteAllInBatch();
    }

    @QueryHandler
    List<JournalSummary> handle(FindJournalsQuery query) {
        return journals.findByTeamIdOrderByDisplayNameAsc(query.teamId()).stream()
                .map(JournalDirectoryEntry::toSummary)
                .toList();
    }

    private void refreshLastContact(UUID journalId) {
        contacts.flush();
        journals.findById(journalId).ifPresent(journal -> journal.lastContactAt(contacts.lastContactOf(journalId)));
    }
}
