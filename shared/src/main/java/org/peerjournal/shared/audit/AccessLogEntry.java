package org.peerjournal.shared.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One access to a journal: who (user, role, the team they acted in; none for auditors), when, through what.
 */
public record AccessLogEntry(Instant at, String userId, String role, String teamId, String action, UUID journalId) {
}
