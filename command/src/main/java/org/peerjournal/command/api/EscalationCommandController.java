package org.peerjournal.command.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.peerjournal.command.idempotency.IdempotentCommandSender;
import org.peerjournal.command.ids.TimeOrderedIds;
import org.peerjournal.command.journal.EscalationRaised;
import org.peerjournal.shared.actor.CurrentActor;
import org.peerjournal.shared.escalation.AcknowledgeEscalationCommand;
import org.peerjournal.shared.escalation.EscalationStatus;
import org.peerjournal.shared.escalation.RaiseEscalationCommand;
import org.peerjournal.shared.escalation.ResolveEscalationCommand;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

/** Raising, acknowledging and resolving safety escalations. */
@RestController
@RequestMapping(path = "/api/journals/{journalId}/escalations", consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Safety escalations")
class EscalationCommandController {

    private final IdempotentCommandSender sender;
    private final CurrentActor currentActor;

    EscalationCommandController(IdempotentCommandSender sender, CurrentActor currentActor) {
        this.sender = sender;
        this.currentActor = currentActor;
    }

    @PostMapping
    @Operation(summary = "Raise a safety escalation (PSW of the journal's team); answers the acknowledgement deadline")
    ResponseEntity<EscalationRaisedResponse> raise(@PathVariable UUID journalId,
            @Valid @RequestBody RaiseEscalationRequest request, @IdempotencyKey String idempotencyKey) {
        RaiseEscalationCommand command = new RaiseEscalationCommand(journalId, TimeOrderedIds.next(),
                request.category(), request.severity(), request.description(), request.patientInformed(),
                request.staffAlreadyInformedOrNone(), currentActor.get());
        EscalationRaised raised = sender.send(command, EscalationRaised.class, idempotencyKey,
                IdempotentRequest.of(request, journalId));
        return ResponseEntity.created(URI.create("/api/journals/" + journalId + "/timeline"))
                .body(new EscalationRaisedResponse(journalId, raised.escalationId(), raised.acknowledgeBy()));
    }

    @PostMapping("/{escalationId}/acknowledgement")
    @Operation(summary = "Acknowledge an escalation (CLINICIAN or TEAM_LEAD of the team); 409 if acknowledged")
    EscalationChangedResponse acknowledge(@PathVariable UUID journalId, @PathVariable UUID escalationId,
            @Valid @RequestBody AcknowledgeEscalationRequest request, @IdempotencyKey String idempotencyKey) {
        sender.send(new AcknowledgeEscalationCommand(journalId, escalationId, request.actionTaken(),
                        currentActor.get()), Void.class, idempotencyKey,
                IdempotentRequest.of(request, journalId, escalationId));
        return new EscalationChangedResponse(journalId, escalationId, EscalationStatus.ACKNOWLEDGED);
    }

    @PostMapping("/{escalationId}/resolution")
    @Operation(summary = "Resolve an acknowledged escalation (CLINICIAN or TEAM_LEAD of the team)")
    EscalationChangedResponse resolve(@PathVariable UUID journalId, @PathVariable UUID escalationId,
            @Valid @RequestBody ResolveEscalationRequest request, @IdempotencyKey String idempotencyKey) {
        sender.send(new ResolveEscalationCommand(journalId, escalationId, request.outcome(), currentActor.get()),
                Void.class, idempotencyKey, IdempotentRequest.of(request, journalId, escalationId));
        return new EscalationChangedResponse(journalId, escalationId, EscalationStatus.RESOLVED);
    }
}
