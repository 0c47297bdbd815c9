package org.peerjournal.query.audit;

/**
 * Through what a patient's data was shown: the {@code action} of an access-log entry. Every answer that shows a
 * patient's identity or health data has one; the contact report (journal ids and counts only) has none.
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
    AUDIT_ACCESS_EXTRACT("audit-access-extract");

    private final String wireName;

    AccessAction(String wireName) {
        this.wireName = wireName;
    }

    /** The name stored in the read event and shown in the access log. */
    public String wireName() {
        return wireName;
    }
}
