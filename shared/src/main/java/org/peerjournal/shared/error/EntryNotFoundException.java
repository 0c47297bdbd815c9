package org.peerjournal.shared.error;

/** An entry (note, escalation, conflict) that the journal does not hold. */
public class EntryNotFoundException extends RuntimeException {

    public EntryNotFoundException(String message) {
        super(message);
    }
}
