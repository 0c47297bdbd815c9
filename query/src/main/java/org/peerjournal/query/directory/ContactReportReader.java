package org.peerjournal.query.directory;

import org.peerjournal.shared.journal.ContactType;
import org.peerjournal.shared.team.ContactReport;
import org.peerjournal.shared.team.FindContactReportQuery;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * The contact report: the whole calendar months of its window from the monthly rollup, the partial months at its
 * ends from the notes themselves. A one-year report so reads about 12 rows a journal instead of every note, and stays
 * exact to the millisecond at both ends ({@code from} included, {@code to} excluded).
 */
@Component
class ContactReportReader {

    private final JdbcTemplate jdbc;
    private final ContactMonths months;

    ContactReportReader(JdbcTemplate jdbc, ContactMonths months) {
        this.jdbc = jdbc;
        this.months = months;
    }

    ContactReport contactReport(FindContactReportQuery query) {
        ContactTallies tallies = new ContactTallies();
        CalendarMonth firstWhole = CalendarMonth.startingFrom(query.from());
        CalendarMonth afterWhole = CalendarMonth.of(query.to());
        if (firstWhole.start().isBefore(afterWhole.start())) {
            addNotes(tallies, query.teamId(), query.from(), firstWhole.start());
            months.addTo(tallies, query.teamId(), firstWhole, afterWhole);
            addNotes(tallies, query.teamId(), afterWhole.start(), query.to());
        } else {
            addNotes(tallies, query.teamId(), query.from(), query.to());
        }
        return new ContactReport(query.teamId(), query.from(), query.to(), tallies.rows());
    }

    /** Adds the team's unretracted notes that occurred in [from, to). */
    private void addNotes(ContactTallies tallies, String teamId, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return;
        }
        jdbc.query("select journal_id, contact_type, count(*), sum(duration_minutes)"
                        + " from contact_entry where team_id = ? and retracted = false"
                        + " and occurred_at >= ? and occurred_at < ? group by journal_id, contact_type",
                rs -> {
                    tallies.add(rs.getObject(1, UUID.class), ContactType.valueOf(rs.getString(2)), rs.getLong(3),
                            rs.getLong(4));
                },
                teamId, Timestamp.from(from), Timestamp.from(to));
    }
}
