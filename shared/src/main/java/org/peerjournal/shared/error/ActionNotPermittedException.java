package org.peerjournal.shared.error;

/** The actor may see the journal but may not do this to it (correcting another author's note...). */
public class ActionNotPermittedException extends RuntimeException {

    public ActionNotPermittedException(String message) {
        super(message);
    }
}
