package org.peerjournal.shared.conflict;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** A PSW named a conflict between loyalty to the patient and to the staff, with both perspectives. */
@Revision("1")
public record LoyaltyConflictFlaggedEvent(
        UUID journalId,
        UUID conflictId,
        String teamId,
        ConflictKind kind,
        String description,
        String patientPerspective,
        String staffPerspective,
        boolean supervisionRequested,
        String flaggedBy) {
}
