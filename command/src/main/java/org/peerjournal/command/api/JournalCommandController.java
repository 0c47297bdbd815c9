package org.peerjournal.command.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.peerjournal.command.idempotency.IdempotentCommandSender;
import org.peerjournal.command.ids.TimeOrderedIds;
import org.peerjournal.command.journal.NoteCorrected;
import org.peerjournal.command.journal.NoteRecorded;
import org.peerjournal.command.journal.NoteRetracted;
import org.peerjournal.shared.actor.CurrentActor;
import org.peerjournal.shared.journal.command.CorrectContactNoteCommand;
import org.peerjournal.shared.journal.command.OpenJournalCommand;
import org.peerjournal.shared.journal.command.RecordContactNoteCommand;
import org.peerjournal.shared.journal.command.RetractContactNoteCommand;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The writing half of the journal API: each endpoint turns a validated request into one command. */
@RestController
@RequestMapping(path = "/api/journals", consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Journals and contact notes")
class JournalCommandController {

    private final IdempotentCommandSender sender;
    private final CurrentActor currentActor;

    JournalCommandController(IdempotentCommandSender sender, CurrentActor currentActor) {
        this.sender = sender;
        this.currentActor = currentActor;
    }

    @PostMapping
    @Operation(summary = "Open a journal for a patient of the team (TEAM_LEAD)")
    ResponseEntity<JournalOpenedResponse> openJournal(@Valid @RequestBody OpenJournalRequest request,
            @IdempotencyKey String idempotencyKey) {
        OpenJournalCommand command = new OpenJournalCommand(TimeOrderedIds.next(), request.teamId(),
                request.patientRef(), request.displayName(), currentActor.get());
        UUID journalId = sender.send(command, UUID.class, idempotencyKey, IdempotentRequest.of(request));
        URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(journalId)
                .toUri();
        return ResponseEntity.created(location).body(new JournalOpenedResponse(journalId));
    }

    @PostMapping("/{journalId}/notes")
    @Operation(summary = "Record a contact note (PSW of the journal's team)")
    ResponseEntity<NoteRecordedResponse> recordNote(@PathVariable UUID journalId,
            @Valid @RequestBody RecordNoteRequest request, @IdempotencyKey String idempotencyKey) {
        // Instants are kept to the millisecond everywhere (events, projections, answers), so none is rounded later.
        RecordContactNoteCommand command = new RecordContactNoteCommand(journalId, TimeOrderedIds.next(),
                request.contactType(), request.occurredAt().truncatedTo(ChronoUnit.MILLIS), request.durationMinutes(),
                request.text(), currentActor.get());
        NoteRecorded recorded = sender.send(command, NoteRecorded.class, idempotencyKey,
                IdempotentRequest.of(request, journalId));
        URI location = URI.create("/api/journals/" + journalId + "/timeline");
        return ResponseEntity.created(location).body(new NoteRecordedResponse(journalId, recorded.noteId(),
                recorded.recordedAt(), recorded.lateEntry()));
    }

    @PostMapping("/{journalId}/notes/{noteId}/corrections")
    @Operation(summary = "Correct a note: a new revision with a reason (the note's author)")
    ResponseEntity<NoteCorrectedResponse> correctNote(@PathVariable UUID journalId, @PathVariable UUID noteId,
            @Valid @RequestBody CorrectNoteRequest request, @IdempotencyKey String idempotencyKey) {
        CorrectContactNoteCommand command = new CorrectContactNoteCommand(journalId, noteId, request.text(),
                request.reason(), currentActor.get());
        NoteCorrected corrected = sender.send(command, NoteCorrected.class, idempotencyKey,
                IdempotentRequest.of(request, journalId, noteId));
        URI location = URI.create("/api/journals/" + journalId + "/timeline");
        return ResponseEntity.created(location)
                .body(new NoteCorrectedResponse(journalId, noteId, corrected.revision()));
    }

    @PostMapping("/{journalId}/notes/{noteId}/retraction")
    @Operation(summary = "Retract a note entered in error (its author or a TEAM_LEAD)")
    ResponseEntity<NoteRetractedResponse> retractNote(@PathVariable UUID journalId, @PathVariable UUID noteId,
            @Valid @RequestBody RetractNoteRequest request, @IdempotencyKey String idempotencyKey) {
        RetractContactNoteCommand command = new RetractContactNoteCommand(journalId, noteId, request.reason(),
                currentActor.get());
        NoteRetracted retracted = sender.send(command, NoteRetracted.class, idempotencyKey,
                IdempotentRequest.of(request, journalId, noteId));
        return ResponseEntity.ok(new NoteRetractedResponse(journalId, retracted.noteId(), true));
    }
}
