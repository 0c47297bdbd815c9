package org.peerjournal.query.audit.access;

/** The rules of the systematic access review (loggkontroll); their thresholds are {@link AccessReviewProperties}. */
public enum ReviewRule {
    /** One user reading more distinct journals than allowed within a short time. */
    BULK_READING,
    /** Reads outside working hours. */
    OUTSIDE_WORKING_HOURS,
    /** Reads of a journal with no contact for a long time. */
    DORMANT_JOURNAL,
    /** Reads by a user with no part in the patient's care. */
    NO_CARE_RELATION
}
