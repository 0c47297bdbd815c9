package org.peerjournal.shared.audit;

import org.axonframework.serialization.Revision;

/**
 * An auditor concluded the review of one access-review finding. Stored in the event store as the first and only
 * event of the finding's own stream (aggregate {@code access-finding:<findingId>}, sequence 0), so a second
 * conclusion cannot be stored, and so it is chained and kept like every other fact. The auditor is the event's
 * actor (metadata).
 *
 * @param rule   the rule that raised the finding
 * @param userId the user whose accesses the finding is about
 */
@Revision("1")
public record AccessFindingConcludedEvent(String findingId, String rule, String userId,
        FindingConclusion conclusion, String note) {
}
