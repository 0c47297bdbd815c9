package org.peerjournal.shared.escalation;

/** Where an escalation stands. Being overdue is a flag beside the status: an OPEN escalation may be overdue. */
public enum EscalationStatus {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED
}
