package org.peerjournal.query.timeline;

import org.peerjournal.shared.journal.query.EntryType;
import org.peerjournal.shared.journal.query.FindJournalTimelineQuery;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a journal's timeline entries, newest first, with the query's filters, as one plain SQL query that
 * also counts every matching entry ({@code count(*) over ()}). A JPA criteria query here cost more CPU than the rest
 * of a logged timeline read: Hibernate translated the criteria anew on every call and counted in a second query.
 */
@Component
class TimelinePageReader {

    /** Newest first; the id orders entries of the same instants, so pages neither repeat nor skip one. */
    private static final String NEWEST_FIRST = " order by occurred_at desc, recorded_at desc, entry_id desc";

    private final NamedParameterJdbcTemplate jdbc;

    TimelinePageReader(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The entries of the query's page, and how many entries match its filters on all pages together. */
    record EntriesPage(List<TimelineEntryRecord> entries, long total) {
    }

    EntriesPage read(FindJournalTimelineQuery query) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("journalId", query.journalId())
                .addValue("size", query.size())
                .addValue("offset", (long) query.page() * query.size());
        String where = filter(query, parameters);
        List<Long> totals = new ArrayList<>();
        List<TimelineEntryRecord> entries = jdbc.query("select timeline_entry.*, count(*) over () as total"
                + " from timeline_entry" + where + NEWEST_FIRST + " offset :offset rows fetch next :size rows only",
                parameters, (row, n) -> {
                    totals.add(row.getLong("total"));
                    return TimelineEntryRecord.read(row);
                });
        if (!entries.isEmpty()) {
            return new EntriesPage(entries, totals.get(0));
        }
        // A page past the last one has no rows to carry the count.
        return new EntriesPage(entries, query.page() == 0 ? 0
                : jdbc.queryForObject("select count(*) from timeline_entry" + where, parameters, Long.class));
    }

    /** The query's filters as a where clause; their values go into the parameters. */
    private static String filter(FindJournalTimelineQuery query, MapSqlParameterSource parameters) {
        StringBuilder where = new StringBuilder(" where journal_id = :journalId");
        if (query.from() != null) {
            where.append(" and occurred_at >= :from");
            parameters.addValue("from", query.from().atOffset(ZoneOffset.UTC));
        }
        if (query.to() != null) {
            where.append(" and occurred_at < :to");
            parameters.addValue("to", query.to().atOffset(ZoneOffset.UTC));
        }
        if (query.types() != null && !query.types().isEmpty()) {
            where.append(" and entry_type in (:types)");
            parameters.addValue("types", query.types().stream().map(EntryType::name).toList());
        }
        if (!query.includeRetracted()) {
            where.append(" and retracted = false");
        }
        return where.toString();
    }
}
