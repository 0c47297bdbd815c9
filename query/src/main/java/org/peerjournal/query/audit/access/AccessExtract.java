package org.peerjournal.query.audit.access;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A patient's access extract: which care units hold a journal for the patient, and every access to those journals
 * in [from, to), oldest first, with the care unit (team) the user acted for, the user, the role and the action.
 */
public record AccessExtract(String patientRef, Instant from, Instant to, Instant generatedAt, String generatedBy,
        List<Journal> journals, List<Access> accesses) {

    /** A journal kept for the patient, by the care unit (team) that keeps it. */
    public record Journal(UUID journalId, String teamId, Instant openedAt) {
    }

    /** One access; {@code teamId} is the care unit the user acted for (none for auditors). */
    public record Access(Instant at, UUID journalId, String teamId, String userId, String role, String action) {
    }
}
