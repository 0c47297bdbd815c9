package org.peerjournal.command.journal;

import java.time.Instant;
import java.util.UUID;

/** What raising an escalation answers: its id and the instant by which a clinician must acknowledge it. */
public record EscalationRaised(UUID escalationId, Instant acknowledgeBy) {
}
