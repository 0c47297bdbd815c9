package org.peerjournal.shared.escalation;

/** What just happened to an escalation: the queue's last change, the stream's events, the notifications. */
public enum EscalationChange {
    RAISED,
    OVERDUE,
    ACKNOWLEDGED,
    RESOLVED
}
