package org.peerjournal.command.api;

import java.util.UUID;

/** @param discussionId present only for a discussion */
record ConflictResponse(UUID journalId, UUID conflictId, UUID discussionId, boolean resolved) {
}
