package org.peerjournal.shared.journal.event;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** A note marked as entered in error: hidden from the default timeline, kept for auditors. */
@Revision("1")
public record ContactNoteRetractedEvent(UUID journalId, UUID noteId, String reason, String retractedBy) {
}
