package org.peerjournal.command.api;

import org.peerjournal.shared.escalation.EscalationStatus;

import java.util.UUID;

record EscalationChangedResponse(UUID journalId, UUID escalationId, EscalationStatus status) {
}
