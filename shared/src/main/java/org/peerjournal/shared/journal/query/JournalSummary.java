package org.peerjournal.shared.journal.query;

import java.time.Instant;
import java.util.UUID;

public record JournalSummary(
        UUID journalId,
        String patientRef,
        String displayName,
        String teamId,
        Instant openedAt,
        Instant lastContactAt,
        int openEscalations,
        int openLoyaltyConflicts) {
}
