package org.peerjournal.command.api;

import java.time.Instant;
import java.util.UUID;

record NoteRecordedResponse(UUID journalId, UUID noteId, Instant recordedAt, boolean lateEntry) {
}
