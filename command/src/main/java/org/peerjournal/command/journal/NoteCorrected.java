package org.peerjournal.command.journal;

import java.util.UUID;

/** What correcting a note answers: the revision number the correction became. */
public record NoteCorrected(UUID noteId, int revision) {
}
