package org.peerjournal.query.stream;

/** A stream was refused: the user, or this node, already holds as many live streams as configured. */
public class TooManyStreamsException extends RuntimeException {

    public TooManyStreamsException(String message) {
        super(message);
    }
}
