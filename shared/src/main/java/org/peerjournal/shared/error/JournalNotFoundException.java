package org.peerjournal.shared.error;

import java.util.UUID;

/** The journal does not exist, or belongs to a team the actor is not part of: the two are told apart to nobody. */
public class JournalNotFoundException extends RuntimeException {

    public JournalNotFoundException(UUID journalId) {
        super("No journal " + journalId);
    }
}
