package org.peerjournal.shared.journal;

/** The kind of contact a note documents; see product.md, "Vocabulary". */
public enum ContactType {
    INDIVIDUAL_CONVERSATION,
    GROUP_SESSION,
    ACCOMPANIED_APPOINTMENT,
    HOME_VISIT,
    TREATMENT_CONFERENCE,
    PHONE_OR_VIDEO,
    OTHER
}
