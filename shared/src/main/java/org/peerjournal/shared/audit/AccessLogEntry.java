package org.peerjournal.shared.audit;

import java.time.Instant;

/** One read of a journal's content. */
public record AccessLogEntry(Instant at, String userId, String role, String teamId, String action) {
}
