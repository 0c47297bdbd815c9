package org.peerjournal.shared.escalation;

/** What a safety escalation is about; see product.md, "Vocabulary". */
public enum EscalationCategory {
    SUICIDE_RISK,
    SELF_HARM,
    HARM_TO_OTHERS,
    ACUTE_DETERIORATION,
    SAFEGUARDING,
    OTHER
}
