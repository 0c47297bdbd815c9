package org.peerjournal.shared.error;

/** One input field breaks a rule that only the command side can check (e.g. a time in the future). */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
