package org.peerjournal.shared.journal.query;

/** The kinds of timeline entry. */
public enum EntryType {
    NOTE,
    ESCALATION,
    LOYALTY_CONFLICT
}
