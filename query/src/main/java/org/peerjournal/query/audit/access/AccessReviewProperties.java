package org.peerjournal.query.audit.access;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * The rules of the systematic access review ({@code peerjournal.access-review.*}); see docs/audit-runbook.md.
 *
 * @param reviewedActions the accesses the rules look at: those that open one patient's record. Lists, the overview,
 *                        the queue and the stream show a team's patients as part of its daily work and would drown
 *                        the review; they are logged all the same and appear in every extract.
 * @param zone            the zone working hours and calendar days are reckoned in
 */
@ConfigurationProperties("peerjournal.access-review")
public record AccessReviewProperties(
        @DefaultValue({"timeline", "audit-timeline", "audit-events", "audit-incident-report"})
        Set<String> reviewedActions,
        @DefaultValue("Europe/Stockholm") ZoneId zone,
        @DefaultValue BulkReading bulkReading,
        @DefaultValue OutsideWorkingHours outsideWorkingHours,
        @DefaultValue DormantJournal dormantJournal,
        @DefaultValue NoCareRelation noCareRelation) {

    /** More than {@code maxJournals} distinct journals read by one user within {@code within}. */
    public record BulkReading(@DefaultValue("20") int maxJournals, @DefaultValue("PT10M") Duration within) {

        public BulkReading {
            if (maxJournals < 1 || within.isNegative() || within.isZero()) {
                throw new IllegalArgumentException(
                        "peerjournal.access-review.bulk-reading needs max-journals >= 1 and a positive within");
            }
        }
    }

    /** Reads from {@code from} until {@code until} local time (wrapping past midnight when from is later). */
    public record OutsideWorkingHours(@DefaultValue("22:00") LocalTime from, @DefaultValue("06:00") LocalTime until) {

        boolean covers(LocalTime time) {
            return from.isAfter(until)
                    ? !time.isBefore(from) || time.isBefore(until)
                    : !time.isBefore(from) && time.isBefore(until);
        }
    }

    /** A journal whose last contact (or, with none, its opening) lies more than {@code after} before the read. */
    public record DormantJournal(@DefaultValue("P90D") Duration after) {
    }

    /** Reads by a user with no part in the patient's care at the time of the read; can be switched off. */
    public record NoCareRelation(@DefaultValue("true") boolean enabled) {
    }
}
