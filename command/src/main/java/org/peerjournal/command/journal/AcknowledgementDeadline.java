package org.peerjournal.command.journal;

import java.util.UUID;

/** The payload of the persistent deadline that marks an unacknowledged escalation overdue. */
record AcknowledgementDeadline(UUID escalationId) {

    static final String NAME = "escalation-acknowledgement";
}
