package org.peerjournal.shared.journal.event;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** A new revision of a note's text. The earlier revisions stay in the stream; nothing is overwritten. */
@Revision("1")
public record ContactNoteCorrectedEvent(
        UUID journalId,
        UUID noteId,
        int revision,
        String text,
        String reason,
        String correctedBy) {
}
