package org.peerjournal.app.integrity.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.peerjournal.app.integrity.CheckpointView;
import org.peerjournal.app.integrity.JournalIntegrity;
import org.peerjournal.app.integrity.NoteVerifier;
import org.peerjournal.app.integrity.SigningKey;
import org.peerjournal.app.integrity.StoreAudit;
import org.peerjournal.query.audit.AccessAction;
import org.peerjournal.query.audit.AccessLog;
import org.peerjournal.shared.actor.CurrentActor;
import org.peerjournal.shared.audit.JournalsShownEvent.Shown;
import org.peerjournal.shared.error.JournalNotFoundException;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The auditor's view of the record's integrity (AUDITOR only, like all of {@code /api/audit}): the latest signed
 * checkpoint and the key to check it, one journal's chain with an inclusion proof, and a full verification.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit")
class IntegrityAuditController {

    private final DataSource dataSource;
    private final SigningKey key;
    private final StoreAudit storeAudit;
    private final EventStore eventStore;
    private final AccessLog accessLog;
    private final CurrentActor currentActor;

    IntegrityAuditController(DataSource dataSource, SigningKey key, StoreAudit storeAudit, EventStore eventStore,
            AccessLog accessLog, CurrentActor currentActor) {
        this.dataSource = dataSource;
        this.key = key;
        this.storeAudit = storeAudit;
        this.eventStore = eventStore;
        this.accessLog = accessLog;
        this.currentActor = currentActor;
    }

    @GetMapping(path = "/checkpoints/latest", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The latest signed checkpoint: origin, tree size, root hash, and the C2SP signed note")
    CheckpointView latestCheckpoint() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return CheckpointView.latest(connection).orElseThrow(
                    () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No checkpoint has been signed yet"));
        }
    }

    @GetMapping(path = "/checkpoints/latest", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "The latest checkpoint as its C2SP signed note")
    String latestCheckpointNote() throws SQLException {
        return latestCheckpoint().signedNote();
    }

    @GetMapping(path = "/checkpoints/public-key", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The public key that signs checkpoints, as a C2SP note verifier key")
    Map<String, String> publicKey() {
        NoteVerifier verifier = key.verifier();
        return Map.of("name", verifier.name(), "keyId", verifier.keyIdHex(), "verifierKey", verifier.text());
    }

    @GetMapping(path = "/checkpoints/public-key", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "The verifier key alone, ready for verify --public-key")
    String publicKeyText() {
        return key.verifier().text() + "\n";
    }

    @GetMapping(path = "/journals/{journalId}/integrity", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The journal's chain head and length, whether it verifies, and its last leaf's inclusion proof")
    JournalIntegrity journalIntegrity(@PathVariable UUID journalId) throws SQLException {
        List<? extends DomainEventMessage<?>> opening = eventStore.readEvents(journalId.toString(), 0).asStream()
                .limit(1).toList();
        if (opening.isEmpty() || !(opening.get(0).getPayload() instanceof JournalOpenedEvent opened)) {
            throw new JournalNotFoundException(journalId);
        }
        accessLog.record(currentActor.get(), AccessAction.AUDIT_INTEGRITY,
                List.of(new Shown(journalId, opened.teamId())));
        try (Connection connection = dataSource.getConnection()) {
            return JournalIntegrity.of(connection, journalId.toString(), key.verifier());
        }
    }

    @GetMapping(path = "/integrity", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A full verification of the store: started if none runs, its result once done")
    StoreAudit.Run storeIntegrity() {
        return storeAudit.runOrLatest(2_000);
    }
}
