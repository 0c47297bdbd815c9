package org.peerjournal.command.api;

import java.util.UUID;

record NoteCorrectedResponse(UUID journalId, UUID noteId, int revision) {
}
