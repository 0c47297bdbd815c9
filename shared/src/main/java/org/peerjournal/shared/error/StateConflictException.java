package org.peerjournal.shared.error;

/** The command contradicts what the journal already records (a retracted note, a duplicate patientRef...). */
public class StateConflictException extends RuntimeException {

    public StateConflictException(String message) {
        super(message);
    }
}
