package org.peerjournal.shared.audit;

/** What an auditor concluded after reviewing a finding of the access review. */
public enum FindingConclusion {
    /** The access had a reason in the patient's care. */
    JUSTIFIED,
    /** Not settled by the log alone: to be followed up (e.g. with the user's manager). */
    FOLLOW_UP,
    /** The access had no reason in the patient's care. */
    VIOLATION
}
