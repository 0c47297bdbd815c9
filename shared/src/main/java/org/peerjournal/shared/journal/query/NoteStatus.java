package org.peerjournal.shared.journal.query;

/** Where a note of the timeline stands. A retracted note stays retracted, whatever comes after. */
public enum NoteStatus {
    RECORDED,
    CORRECTED,
    RETRACTED
}
