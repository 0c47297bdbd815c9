package org.peerjournal.shared.audit;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * Somebody read a journal's content. Stored in the event store like every other fact (append-only), but outside
 * the journal's own stream, so recording a read never waits for the journal's lock. The reader is the event's
 * actor (metadata).
 *
 * @param teamId the team the journal belongs to
 * @param action through what it was read, e.g. {@code timeline}, {@code audit-timeline}
 */
@Revision("1")
public record JournalContentReadEvent(UUID journalId, String teamId, String action) {
}
