package org.peerjournal.command.api;

import java.time.Instant;
import java.util.UUID;

record EscalationRaisedResponse(UUID journalId, UUID escalationId, Instant acknowledgeBy) {
}
