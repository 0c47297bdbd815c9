package org.peerjournal.command.journal;

import java.time.Instant;
import java.util.UUID;

/** What recording a note answers: the note's id, the server time it was stored at, and whether it is late. */
public record NoteRecorded(UUID noteId, Instant recordedAt, boolean lateEntry) {
}
