package org.peerjournal.shared.journal.query;

/** Every journal, in any team, opened for this patientRef; oldest first. */
public record FindJournalsByPatientRefQuery(String patientRef) {
}
