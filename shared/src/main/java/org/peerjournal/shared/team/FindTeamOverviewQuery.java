package org.peerjournal.shared.team;

import java.time.Instant;

/**
 * A team's caseload at a glance, as of {@code now}.
 *
 * @param withoutContactDays journals whose last contact is older than this many days (or that never had one) are
 *                           listed as without contact
 */
public record FindTeamOverviewQuery(String teamId, int withoutContactDays, Instant now) {
}
