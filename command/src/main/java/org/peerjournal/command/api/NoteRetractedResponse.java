package org.peerjournal.command.api;

import java.util.UUID;

record NoteRetractedResponse(UUID journalId, UUID noteId, boolean retracted) {
}
