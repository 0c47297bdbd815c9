package org.peerjournal.shared.conflict;

/** Where a loyalty conflict stands: discussed while OPEN, closed for good once RESOLVED. */
public enum ConflictStatus {
    OPEN,
    RESOLVED
}
