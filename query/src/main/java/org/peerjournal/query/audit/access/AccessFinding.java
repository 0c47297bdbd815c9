package org.peerjournal.query.audit.access;

import org.peerjournal.shared.audit.AccessLogEntry;
import org.peerjournal.shared.audit.FindingConclusion;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Accesses a review rule picked out for an auditor to look at, with the log entries behind it, and the auditor's
 * conclusion once recorded.
 *
 * @param findingId stable: the same accesses give the same id in every review that covers their whole day
 * @param day       the calendar day (in the review's zone) the accesses fall on
 */
public record AccessFinding(String findingId, ReviewRule rule, String userId, LocalDate day, List<UUID> journalIds,
        Instant firstAt, Instant lastAt, List<AccessLogEntry> entries, Conclusion conclusion) {

    /** What the auditor concluded, when and who. */
    public record Conclusion(FindingConclusion conclusion, String note, String concludedBy, Instant concludedAt) {
    }

    public AccessFinding withConclusion(Conclusion recorded) {
        return new AccessFinding(findingId, rule, userId, day, journalIds, firstAt, lastAt, entries, recorded);
    }
}
