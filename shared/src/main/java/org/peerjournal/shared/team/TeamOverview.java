package org.peerjournal.shared.team;

import org.peerjournal.shared.conflict.ConflictKind;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * @param openEscalations              escalations raised and not yet acknowledged
 * @param overdueEscalations           of those, the ones past their acknowledgement deadline
 * @param openLoyaltyConflicts         loyalty conflicts flagged and not yet resolved
 * @param conflictsAwaitingSupervision open conflicts whose PSW asked for supervision that has not been held yet
 */
public record TeamOverview(
        String teamId,
        Instant asOf,
        int journals,
        int openEscalations,
        int overdueEscalations,
        int openLoyaltyConflicts,
        List<ConflictAwaitingSupervision> conflictsAwaitingSupervision,
        int withoutContactDays,
        List<JournalWithoutContact> journalsWithoutContact,
        List<WorkerContacts> contactsPerWorker) {

    public record ConflictAwaitingSupervision(UUID journalId, UUID conflictId, ConflictKind kind, String flaggedBy,
            Instant flaggedAt) {
    }

    public record JournalWithoutContact(UUID journalId, String displayName, Instant lastContactAt) {
    }

    public record WorkerContacts(String workerId, int last7Days, int last30Days) {
    }
}
