package org.peerjournal.shared.conflict;

import org.axonframework.serialization.Revision;

import java.util.UUID;

@Revision("1")
public record LoyaltyConflictResolvedEvent(
        UUID journalId,
        UUID conflictId,
        String teamId,
        String resolution,
        String resolvedBy) {
}
