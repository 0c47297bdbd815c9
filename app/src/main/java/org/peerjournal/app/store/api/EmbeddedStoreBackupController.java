package org.peerjournal.app.store.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peerjournal.app.store.EmbeddedStore;
import org.peerjournal.app.store.EmbeddedStoreBackups;
import org.peerjournal.app.store.EmbeddedStoreBackups.Backup;
import org.peerjournal.app.store.StoreNotOpen;
import org.peerjournal.shared.actor.CurrentActor;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.sql.SQLException;

/**
 * A backup of the embedded store, taken on the ADMIN's request (on PostgreSQL the database's own backups apply, and
 * this path answers 404). The answer names the file on the server and its checksum; no patient content passes. Every
 * journal's access log records the copy ({@link EmbeddedStoreBackups}).
 */
@RestController
@RequestMapping(path = "/api/admin/store/backups", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Operations")
@Conditional(EmbeddedStore.Configured.class)
class EmbeddedStoreBackupController {

    private final EmbeddedStoreBackups backups;
    private final CurrentActor currentActor;

    EmbeddedStoreBackupController(EmbeddedStoreBackups backups, CurrentActor currentActor) {
        this.backups = backups;
        this.currentActor = currentActor;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Back up the embedded store while the service runs (201; the zip is in the data directory's"
            + " backups folder)")
    Backup backUp() throws IOException, SQLException {
        try {
            return backups.take(currentActor.get());
        } catch (StoreNotOpen e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }
}
