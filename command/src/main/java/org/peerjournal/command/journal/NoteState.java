package org.peerjournal.command.journal;

import java.time.Instant;

/**
 * What the journal knows of a note to enforce its rules.
 *
 * @param recordedAt when the note was stored; known only for a note applied since the journal was loaded (null
 *                   when read from {@link NoteFacts}): only the command that records a note answers it
 */
record NoteState(String authorId, int revision, boolean retracted, Instant recordedAt) {

    NoteState withRevision(int newRevision) {
        return new NoteState(authorId, newRevision, retracted, recordedAt);
    }

    NoteState retract() {
        return new NoteState(authorId, revision, true, recordedAt);
    }
}
