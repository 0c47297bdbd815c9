package org.peerjournal.shared.error;

/**
 * An answer that must be complete cannot be given yet: a read model it is built from has not processed every event
 * stored when it was asked for. Answered 503, so that the client asks again rather than takes a partial answer.
 */
public class ReadModelBehindException extends RuntimeException {

    public ReadModelBehindException(String message) {
        super(message);
    }
}
