package org.peerjournal.shared.journal.event;

import org.axonframework.serialization.Revision;
import org.peerjournal.shared.journal.ContactType;

import java.time.Instant;
import java.util.UUID;

/**
 * A contact note, revision 1. {@code authorId} is the domain fact "whose note this is" (it decides who may correct
 * it); the event's metadata additionally records the actor like on every event.
 */
@Revision("1")
public record ContactNoteRecordedEvent(
        UUID journalId,
        UUID noteId,
        String authorId,
        ContactType contactType,
        Instant occurredAt,
        int durationMinutes,
        String text,
        boolean lateEntry) {
}
