package org.peerjournal.shared.escalation;

/** How fast a clinician must acknowledge; each severity has its own configurable deadline. */
public enum EscalationSeverity {
    IMMEDIATE,
    URGENT,
    ROUTINE
}
