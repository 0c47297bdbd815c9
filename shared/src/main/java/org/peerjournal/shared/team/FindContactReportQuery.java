package org.peerjournal.shared.team;

import java.time.Instant;

/** Contacts of a team's journals that occurred in [from, to), per journal and contact type. */
public record FindContactReportQuery(String teamId, Instant from, Instant to) {
}
