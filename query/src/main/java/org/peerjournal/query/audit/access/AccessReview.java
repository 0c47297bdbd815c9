package org.peerjournal.query.audit.access;

import java.time.Instant;
import java.util.List;

/**
 * The findings of the access review over [from, to), with the rules as configured when it was made.
 *
 * @param rules one line per rule, saying what it picks out
 */
public record AccessReview(Instant from, Instant to, Instant generatedAt, String generatedBy, List<String> rules,
        List<AccessFinding> findings) {

    public static List<String> describe(AccessReviewProperties p) {
        AccessReviewProperties.OutsideWorkingHours hours = p.outsideWorkingHours();
        return List.of(
                ReviewRule.BULK_READING + ": one user reading more than " + p.bulkReading().maxJournals()
                        + " distinct journals within " + p.bulkReading().within(),
                ReviewRule.OUTSIDE_WORKING_HOURS + ": reads from " + hours.from() + " until " + hours.until() + " "
                        + p.zone(),
                ReviewRule.DORMANT_JOURNAL + ": reads of a journal with no contact in the " + p.dormantJournal().after()
                        + " before",
                ReviewRule.NO_CARE_RELATION + (p.noCareRelation().enabled()
                        ? ": reads by a team member with no note, open escalation or open conflict in the journal"
                        : ": switched off"),
                "Reviewed actions: " + String.join(", ", p.reviewedActions().stream().sorted().toList()));
    }
}
