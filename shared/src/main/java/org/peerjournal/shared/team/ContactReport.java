package org.peerjournal.shared.team;

import org.peerjournal.shared.journal.ContactType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Contact counts for evaluation and research. Pseudonymous: journals appear by id only, never by name or
 * patientRef. Retracted notes do not count; a corrected note counts once.
 */
public record ContactReport(String teamId, Instant from, Instant to, List<Row> rows) {

    public record Row(UUID journalId, ContactType contactType, long contacts, long totalMinutes) {
    }
}
