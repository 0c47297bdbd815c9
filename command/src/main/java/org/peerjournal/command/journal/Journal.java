package org.peerjournal.command.journal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.ForwardMatchingInstances;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.conflict.DiscussLoyaltyConflictCommand;
import org.peerjournal.shared.conflict.FlagLoyaltyConflictCommand;
import org.peerjournal.shared.conflict.LoyaltyConflictFlaggedEvent;
import org.peerjournal.shared.conflict.ResolveLoyaltyConflictCommand;
import org.peerjournal.shared.error.EntryNotFoundException;
import org.peerjournal.shared.error.InvalidFieldException;
import org.peerjournal.shared.error.StateConflictException;
import org.peerjournal.shared.escalation.AcknowledgeEscalationCommand;
import org.peerjournal.shared.escalation.RaiseEscalationCommand;
import org.peerjournal.shared.escalation.ResolveEscalationCommand;
import org.peerjournal.shared.escalation.SafetyEscalationRaisedEvent;
import org.peerjournal.shared.journal.JournalLimits;
import org.peerjournal.shared.journal.command.CorrectContactNoteCommand;
import org.peerjournal.shared.journal.command.OpenJournalCommand;
import org.peerjournal.shared.journal.command.RecordContactNoteCommand;
import org.peerjournal.shared.journal.command.RetractContactNoteCommand;
import org.peerjournal.shared.journal.event.ContactNoteCorrectedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRecordedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRetractedEvent;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One patient's journal: the unit of consistency. Command handlers check the rules and apply events; event sourcing
 * handlers only assign state. The state kept here is the minimum the rules need (who wrote each note, its revision,
 * whether it is retracted); the texts live in the events and the projections.
 *
 * <p>Fields are visible to Jackson because snapshots serialize this class; the notes are left out of snapshots, so
 * a snapshot stays small however many notes the journal has. A note applied since the journal was loaded is in
 * {@link #notes}; any other is found in {@link NoteFacts}, which the command handlers keep in step with the events.
 */
@Aggregate(snapshotTriggerDefinition = JournalAggregateConfiguration.SNAPSHOT_TRIGGER,
        cache = JournalAggregateConfiguration.CACHE)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Journal {

    @AggregateIdentifier
    private UUID journalId;
    private String teamId;
    /** The notes applied since this journal was loaded: from its latest snapshot, or from its first event. */
    @JsonIgnore
    private Map<UUID, NoteState> notes = new HashMap<>();
    @AggregateMember(eventForwardingMode = ForwardMatchingInstances.class)
    private Map<UUID, Escalation> escalations = new HashMap<>();
    @AggregateMember(eventForwardingMode = ForwardMatchingInstances.class)
    private Map<UUID, LoyaltyConflict> loyaltyConflicts = new HashMap<>();

    Journal() {
        // for Axon and for snapshot deserialization
    }

    @CommandHandler
    Journal(OpenJournalCommand command, PatientRefRegistry patientRefs) {
        JournalPolicy.mayOpenJournal(command.actor(), command.teamId());
        patientRefs.claim(command.teamId(), command.patientRef(), command.journalId());
        apply(new JournalOpenedEvent(command.journalId(), command.teamId(), command.patientRef(),
                command.displayName()));
    }

    @CommandHandler
    NoteRecorded handle(RecordContactNoteCommand command, NoteFacts noteFacts) {
        requireTeamMember(command.actor());
        JournalPolicy.mayRecordNote(command.actor());
        if (notes.containsKey(command.noteId())) {
            throw new StateConflictException("Note " + command.noteId() + " exists already");
        }
        Instant now = GenericEventMessage.clock.instant();
        if (command.occurredAt().isAfter(now.plus(JournalLimits.CLOCK_SKEW_TOLERANCE))) {
            throw new InvalidFieldException("occurredAt", "must not lie in the future");
        }
        boolean lateEntry = Duration.between(command.occurredAt(), now).compareTo(JournalLimits.LATE_ENTRY_AFTER) > 0;
        apply(new ContactNoteRecordedEvent(journalId, command.noteId(), command.actor().userId(),
                command.contactType(), command.occurredAt(), command.durationMinutes(), command.text(), lateEntry));
        noteFacts.recorded(journalId, command.noteId(), command.actor().userId());
        return new NoteRecorded(command.noteId(), notes.get(command.noteId()).recordedAt(), lateEntry);
    }

    @CommandHandler
    NoteCorrected handle(CorrectContactNoteCommand command, NoteFacts noteFacts) {
        requireTeamMember(command.actor());
        NoteState note = existingNote(command.noteId(), noteFacts);
        JournalPolicy.mayCorrectNote(command.actor(), note.authorId());
        requireNotRetracted(note, "corrected");
        int revision = note.revision() + 1;
        apply(new ContactNoteCorrectedEvent(journalId, command.noteId(), revision, command.text(), command.reason(),
                command.actor().userId()));
        noteFacts.corrected(command.noteId(), revision);
        return new NoteCorrected(command.noteId(), revision);
    }

    @CommandHandler
    NoteRetracted handle(RetractContactNoteCommand command, NoteFacts noteFacts) {
        Actor actor = command.actor();
        requireTeamMember(actor);
        NoteState note = existingNote(command.noteId(), noteFacts);
        JournalPolicy.mayRetractNote(actor, note.authorId());
        requireNotRetracted(note, "retracted");
        apply(new ContactNoteRetractedEvent(journalId, command.noteId(), command.reason(), actor.userId()));
        noteFacts.retracted(command.noteId());
        return new NoteRetracted(command.noteId());
    }

    @CommandHandler
    EscalationRaised handle(RaiseEscalationCommand command, AcknowledgementDeadlines deadlines,
            DeadlineManager deadlineManager) {
        requireTeamMember(command.actor());
        JournalPolicy.mayRaiseEscalation(command.actor());
        if (escalations.containsKey(command.escalationId())) {
            throw new StateConflictException("Escalation " + command.escalationId() + " exists already");
        }
        Instant acknowledgeBy = GenericEventMessage.clock.instant().plus(deadlines.forSeverity(command.severity()));
        // The deadline message carries the service as its actor: whatever it records is the service's doing.
        String deadlineId = deadlineManager.schedule(acknowledgeBy, AcknowledgementDeadline.NAME,
                new GenericMessage<>(new AcknowledgementDeadline(command.escalationId()),
                        MetaData.from(ActorMetaData.of(Actor.system(teamId)))));
        apply(new SafetyEscalationRaisedEvent(journalId, command.escalationId(), teamId, command.category(),
                command.severity(), command.description(), command.patientInformed(),
                List.copyOf(command.staffAlreadyInformed()), command.actor().userId(), acknowledgeBy, deadlineId));
        return new EscalationRaised(command.escalationId(), acknowledgeBy);
    }

    @CommandHandler
    void handle(AcknowledgeEscalationCommand command, DeadlineManager deadlineManager) {
        requireTeamMember(command.actor());
        JournalPolicy.mayAcknowledgeEscalations(command.actor());
        Escalation escalation = existingEscalation(command.escalationId());
        escalation.acknowledge(command.actor(), command.actionTaken());
        deadlineManager.cancelSchedule(AcknowledgementDeadline.NAME, escalation.deadlineId());
    }

    @CommandHandler
    void handle(ResolveEscalationCommand command) {
        requireTeamMember(command.actor());
        JournalPolicy.mayResolveEscalations(command.actor());
        existingEscalation(command.escalationId()).resolve(command.actor(), command.outcome());
    }

    @CommandHandler
    UUID handle(FlagLoyaltyConflictCommand command) {
        requireTeamMember(command.actor());
        JournalPolicy.mayFlagConflict(command.actor());
        if (loyaltyConflicts.containsKey(command.conflictId())) {
            throw new StateConflictException("Loyalty conflict " + command.conflictId() + " exists already");
        }
        apply(new LoyaltyConflictFlaggedEvent(journalId, command.conflictId(), teamId, command.kind(),
                command.description(), command.patientPerspective(), command.staffPerspective(),
                command.supervisionRequested(), command.actor().userId()));
        return command.conflictId();
    }

    @CommandHandler
    UUID handle(DiscussLoyaltyConflictCommand command) {
        requireTeamMember(command.actor());
        existingConflict(command.conflictId()).discuss(command.discussionId(), command.forum(), command.summary(),
                command.actor());
        return command.discussionId();
    }

    @CommandHandler
    UUID handle(ResolveLoyaltyConflictCommand command) {
        requireTeamMember(command.actor());
        existingConflict(command.conflictId()).resolve(command.resolution(), command.actor());
        return command.conflictId();
    }

    @DeadlineHandler(deadlineName = AcknowledgementDeadline.NAME)
    void on(AcknowledgementDeadline deadline) {
        Escalation escalation = escalations.get(deadline.escalationId());
        if (escalation != null) {
            escalation.acknowledgementDeadlinePassed();
        }
    }

    @EventSourcingHandler
    void on(JournalOpenedEvent event) {
        journalId = event.journalId();
        teamId = event.teamId();
    }

    @EventSourcingHandler
    void on(ContactNoteRecordedEvent event, @Timestamp Instant recordedAt) {
        notes.put(event.noteId(), new NoteState(event.authorId(), 1, false, recordedAt));
    }

    @EventSourcingHandler
    void on(SafetyEscalationRaisedEvent event) {
        escalations.put(event.escalationId(), new Escalation(event));
    }

    @EventSourcingHandler
    void on(LoyaltyConflictFlaggedEvent event) {
        loyaltyConflicts.put(event.conflictId(), new LoyaltyConflict(event));
    }

    @EventSourcingHandler
    void on(ContactNoteCorrectedEvent event) {
        notes.computeIfPresent(event.noteId(), (id, note) -> note.withRevision(event.revision()));
    }

    @EventSourcingHandler
    void on(ContactNoteRetractedEvent event) {
        notes.computeIfPresent(event.noteId(), (id, note) -> note.retract());
    }

    private void requireTeamMember(Actor actor) {
        JournalPolicy.requireTeamMember(actor, journalId, teamId);
    }

    private Escalation existingEscalation(UUID escalationId) {
        Escalation escalation = escalations.get(escalationId);
        if (escalation == null) {
            throw new EntryNotFoundException("No escalation " + escalationId + " in journal " + journalId);
        }
        return escalation;
    }

    private LoyaltyConflict existingConflict(UUID conflictId) {
        LoyaltyConflict conflict = loyaltyConflicts.get(conflictId);
        if (conflict == null) {
            throw new EntryNotFoundException("No loyalty conflict " + conflictId + " in journal " + journalId);
        }
        return conflict;
    }

    private NoteState existingNote(UUID noteId, NoteFacts noteFacts) {
        NoteState note = notes.get(noteId);
        if (note != null) {
            return note;
        }
        return noteFacts.find(journalId, noteId)
                .orElseThrow(() -> new EntryNotFoundException("No note " + noteId + " in journal " + journalId));
    }

    private static void requireNotRetracted(NoteState note, String what) {
        if (note.retracted()) {
            throw new StateConflictException("The note is retracted and cannot be " + what);
        }
    }
}
