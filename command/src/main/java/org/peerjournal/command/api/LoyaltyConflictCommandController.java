package org.peerjournal.command.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.peerjournal.command.idempotency.IdempotentCommandSender;
import org.peerjournal.command.ids.TimeOrderedIds;
import org.peerjournal.shared.actor.CurrentActor;
import org.peerjournal.shared.conflict.DiscussLoyaltyConflictCommand;
import org.peerjournal.shared.conflict.FlagLoyaltyConflictCommand;
import org.peerjournal.shared.conflict.ResolveLoyaltyConflictCommand;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

/** Flagging, discussing and resolving loyalty conflicts. */
@RestController
@RequestMapping(path = "/api/journals/{journalId}/loyalty-conflicts", consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Loyalty-conflict flags")
class LoyaltyConflictCommandController {

    private final IdempotentCommandSender sender;
    private final CurrentActor currentActor;

    LoyaltyConflictCommandController(IdempotentCommandSender sender, CurrentActor currentActor) {
        this.sender = sender;
        this.currentActor = currentActor;
    }

    @PostMapping
    @Operation(summary = "Flag a loyalty conflict with both perspectives (PSW of the journal's team)")
    ResponseEntity<ConflictResponse> flag(@PathVariable UUID journalId, @Valid @RequestBody FlagConflictRequest request,
            @IdempotencyKey String idempotencyKey) {
        FlagLoyaltyConflictCommand command = new FlagLoyaltyConflictCommand(journalId, TimeOrderedIds.next(),
                request.kind(), request.description(), request.patientPerspective(), request.staffPerspective(),
                request.supervisionRequested(), currentActor.get());
        UUID conflictId = sender.send(command, UUID.class, idempotencyKey, IdempotentRequest.of(request, journalId));
        return ResponseEntity.created(URI.create("/api/journals/" + journalId + "/timeline"))
                .body(new ConflictResponse(journalId, conflictId, null, false));
    }

    @PostMapping("/{conflictId}/discussions")
    @Operation(summary = "Record a discussion of the conflict (any member of the team); 409 once resolved")
    ResponseEntity<ConflictResponse> discuss(@PathVariable UUID journalId, @PathVariable UUID conflictId,
            @Valid @RequestBody DiscussConflictRequest request, @IdempotencyKey String idempotencyKey) {
        DiscussLoyaltyConflictCommand command = new DiscussLoyaltyConflictCommand(journalId, conflictId,
                TimeOrderedIds.next(), request.forum(), request.summary(), currentActor.get());
        UUID discussionId = sender.send(command, UUID.class, idempotencyKey,
                IdempotentRequest.of(request, journalId, conflictId));
        return ResponseEntity.created(URI.create("/api/journals/" + journalId + "/timeline"))
                .body(new ConflictResponse(journalId, conflictId, discussionId, false));
    }

    @PostMapping("/{conflictId}/resolution")
    @Operation(summary = "Resolve the conflict (TEAM_LEAD, or the PSW who flagged it); 409 if resolved already")
    ConflictResponse resolve(@PathVariable UUID journalId, @PathVariable UUID conflictId,
            @Valid @RequestBody ResolveConflictRequest request, @IdempotencyKey String idempotencyKey) {
        sender.send(new ResolveLoyaltyConflictCommand(journalId, conflictId, request.resolution(), currentActor.get()),
                UUID.class, idempotencyKey, IdempotentRequest.of(request, journalId, conflictId));
        return new ConflictResponse(journalId, conflictId, null, true);
    }
}
