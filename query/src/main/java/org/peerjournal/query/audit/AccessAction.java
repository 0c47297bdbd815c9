package org.peerjournal.query.audit;

/**
 * Through what a patient's data was shown or copied: the {@code action} of an access-log entry. Every answer that
 * shows a patient's identity or health data has one, and so has a backup of the store; the contact report (journal ids
 * and counts only) has none.
 */
public enum AccessAction {
    JOURNAL_LIST("journal-list"),
    TEAM_OVERVIEW("team-overview"),
    ESCALATION_QUEUE("escalation-queue"),
    ESCALATION_STREAM("escalation-stream"),
    TIMELINE("timeline"),
    AUDIT_TIMELINE("audit-timeline"),
    AUDIT_EVENTS("audit-events"),
    AUDIT_ACCESS_LOG("audit-access-log"),
    AUDIT_INCIDENT_REPORT("audit-incident-report"),
    AUDIT_ACCESS_EXTRACT("audit-access-extract"),
    /** A journal's chain and inclusion proof (hashes and counts, but of a named journal: logged like every audit read). */
    AUDIT_INTEGRITY("audit-integrity"),
    /**
     * A backup of the embedded store: a copy of every journal, taken at an administrator's request and left on the
     * server (logged for every journal opened by the time the copy is complete).
     */
    STORE_BACKUP("store-backup");

    private final String wireName;

    AccessAction(String wireName) {
        this.wireName = wireName;
    }

    /** The name stored in the read event and shown in the access log. */
    public String wireName() {
        return wireName;
    }
}
