package org.peerjournal.shared.audit;

import java.time.Instant;

/** Every access to any journal in [from, to), oldest first. */
public record FindAccessesQuery(Instant from, Instant to) {
}
