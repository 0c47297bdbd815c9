package org.peerjournal.shared.audit;

import org.peerjournal.shared.paging.PageRequest;

import java.time.Instant;
import java.util.UUID;

/**
 * Who read a journal in [from, to); either bound may be {@code null}. Oldest first.
 *
 * @param page which page; {@code null} for every read in the window (the incident report, which must be whole)
 */
public record FindAccessLogQuery(UUID journalId, Instant from, Instant to, PageRequest page) {
}
