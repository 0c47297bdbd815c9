package org.peerjournal.shared.journal.query;

/** The kinds of timeline entry. Escalations and loyalty conflicts arrive with later issues. */
public enum EntryType {
    NOTE,
    ESCALATION,
    LOYALTY_CONFLICT
}
