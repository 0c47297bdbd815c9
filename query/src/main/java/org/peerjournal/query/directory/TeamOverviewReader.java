package org.peerjournal.query.directory;

import org.peerjournal.shared.conflict.ConflictKind;
import org.peerjournal.shared.team.FindTeamOverviewQuery;
import org.peerjournal.shared.team.TeamOverview;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The team overview, as a few indexed SQL queries over the projection's tables, so its cost does not depend on how
 * many events the journals hold.
 */
@Component
class TeamOverviewReader {

    private final JdbcTemplate jdbc;

    TeamOverviewReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    TeamOverview overview(FindTeamOverviewQuery query) {
        Map<String, Object> totals = jdbc.queryForMap("select count(*) as journals,"
                + " coalesce(sum(open_escalations), 0) as open_escalations,"
                + " coalesce(sum(overdue_escalations), 0) as overdue_escalations,"
                + " coalesce(sum(open_loyalty_conflicts), 0) as open_conflicts"
                + " from journal_directory where team_id = ?", query.teamId());
        return new TeamOverview(query.teamId(), query.now(), number(totals, "journals"),
                number(totals, "open_escalations"), number(totals, "overdue_escalations"),
                number(totals, "open_conflicts"), awaitingSupervision(query.teamId()), query.withoutContactDays(),
                withoutContact(query), contactsPerWorker(query));
    }

    private List<TeamOverview.ConflictAwaitingSupervision> awaitingSupervision(String teamId) {
        return jdbc.query("select journal_id, conflict_id, kind, flagged_by, flagged_at from conflict_entry"
                        + " where team_id = ? and supervision_requested = true and supervision_held = false"
                        + " and resolved = false order by flagged_at",
                (rs, row) -> new TeamOverview.ConflictAwaitingSupervision(rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class), ConflictKind.valueOf(rs.getString(3)), rs.getString(4),
                        rs.getTimestamp(5).toInstant()),
                teamId);
    }

    private List<TeamOverview.JournalWithoutContact> withoutContact(FindTeamOverviewQuery query) {
        Instant since = query.now().minus(Duration.ofDays(query.withoutContactDays()));
        return jdbc.query("select journal_id, display_name, last_contact_at from journal_directory"
                        + " where team_id = ? and (last_contact_at is null or last_contact_at < ?)"
                        + " order by last_contact_at nulls first, display_name",
                (rs, row) -> new TeamOverview.JournalWithoutContact(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()),
                query.teamId(), Timestamp.from(since));
    }

    private List<TeamOverview.WorkerContacts> contactsPerWorker(FindTeamOverviewQuery query) {
        Instant week = query.now().minus(Duration.ofDays(7));
        Instant month = query.now().minus(Duration.ofDays(30));
        return jdbc.query("select worker_id, sum(case when occurred_at >= ? then 1 else 0 end), count(*)"
                        + " from contact_entry where team_id = ? and retracted = false"
                        + " and occurred_at >= ? and occurred_at <= ? group by worker_id order by worker_id",
                (rs, row) -> new TeamOverview.WorkerContacts(rs.getString(1), rs.getInt(2), rs.getInt(3)),
                Timestamp.from(week), query.teamId(), Timestamp.from(month), Timestamp.from(query.now()));
    }

    private static int number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).intValue();
    }
}
