package org.peerjournal.shared.conflict;

/** What a loyalty conflict is about; see product.md, "Why". */
public enum ConflictKind {
    MEDICATION,
    COERCIVE_MEASURES,
    STAFF_CHANGE_REQUEST,
    CONFIDENTIALITY,
    DOCUMENTATION,
    ROLE_EXPECTATIONS,
    OTHER
}
