package org.peerjournal.query.stream;

import org.peerjournal.shared.escalation.EscalationCategory;
import org.peerjournal.shared.escalation.EscalationChange;
import org.peerjournal.shared.escalation.EscalationSeverity;
import org.peerjournal.shared.escalation.EscalationStatus;
import org.peerjournal.shared.escalation.EscalationView;

import java.time.Instant;
import java.util.UUID;

/** An escalation just raised, as a live stream carries it: the change the stream tests publish. */
public final class RaisedEscalations {

    private RaisedEscalations() {
    }

    public static EscalationView in(String team) {
        Instant now = Instant.now();
        return new EscalationView(UUID.randomUUID(), UUID.randomUUID(), team, EscalationCategory.SUICIDE_RISK,
                EscalationSeverity.IMMEDIATE, EscalationStatus.OPEN, now, "anna", now.plusSeconds(900), null, null,
                null, null, false, null, EscalationChange.RAISED, "NONE");
    }
}
