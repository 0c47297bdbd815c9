package org.peerjournal.command.journal;

import java.util.UUID;

/** What retracting a note answers. */
public record NoteRetracted(UUID noteId) {
}
