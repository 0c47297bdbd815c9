package org.peerjournal.shared.audit;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * Somebody read a journal's content. Stored in the event store like every other fact (append-only), but outside
 * the journal's own stream. The reader is the event's actor (metadata). No longer recorded: an answer now records
 * every journal it shows as one {@link JournalsShownEvent}; the read events stored before are kept, and projected,
 * as they are.
 *
 * @param teamId the team the journal belongs to
 * @param action through what it was read, e.g. {@code timeline}, {@code audit-timeline}
 */
@Revision("1")
public record JournalContentReadEvent(UUID journalId, String teamId, String action) {
}
