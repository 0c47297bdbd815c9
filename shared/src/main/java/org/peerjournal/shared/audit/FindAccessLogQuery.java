package org.peerjournal.shared.audit;

import java.time.Instant;
import java.util.UUID;

/** Who read a journal in [from, to); either bound may be {@code null}. Oldest first. */
public record FindAccessLogQuery(UUID journalId, Instant from, Instant to) {
}
