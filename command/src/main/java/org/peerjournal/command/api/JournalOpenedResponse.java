package org.peerjournal.command.api;

import java.util.UUID;

record JournalOpenedResponse(UUID journalId) {
}
