package org.peerjournal.command.journal;

import java.time.Instant;

/** What the journal remembers of a note to enforce its rules. */
record NoteState(String authorId, int revision, boolean retracted, Instant recordedAt) {

    NoteState withRevision(int newRevision) {
        return new NoteState(authorId, newRevision, retracted, recordedAt);
    }

    NoteState retract() {
        return new NoteState(authorId, revision, true, recordedAt);
    }
}
