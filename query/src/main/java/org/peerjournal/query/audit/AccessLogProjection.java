package org.peerjournal.query.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.queryhandling.QueryHandler;
import org.peerjournal.query.consistency.HoldsNoJournalWrites;
import org.peerjournal.query.projection.Pages;
import org.peerjournal.query.projection.ProjectionTables;
import org.peerjournal.query.projection.ReadModel;
import org.peerjournal.query.projection.ReadModel.Measure;
import org.peerjournal.query.projection.ReadModelProjection;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.audit.AccessLogEntry;
import org.peerjournal.shared.audit.AccessLogPage;
import org.peerjournal.shared.audit.FindAccessesQuery;
import org.peerjournal.shared.audit.FindAccessLogQuery;
import org.peerjournal.shared.audit.JournalContentReadEvent;
import org.peerjournal.shared.audit.JournalsShownEvent;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.SliceImpl;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Who was shown which journal, when and through what: the reviewable form of the read and shown events. */
@Component
@ProcessingGroup(AccessLogProjection.NAME)
@HoldsNoJournalWrites
public class AccessLogProjection extends ReadModelProjection {

    public static final String NAME = "access-log";
    /** The name of the {@link ProjectionTables} the access log lives in. */
    public static final String TABLES = "accessLogTables";
    /** One row per read of one journal; a list of journals shown is one event with a row per journal in it. */
    static final ReadModel READ_MODEL = ReadModel.of(NAME, "access_log")
            .counts(JournalContentReadEvent.class, Measure.rows("access_log", "shown_by_event is null"))
            .counts(JournalsShownEvent.class, new Measure("access_log distinct shown_by_event",
                    "select count(distinct shown_by_event) from access_log"));

    private static final String INSERT = "insert into access_log (event_id, shown_by_event, journal_id, read_at,"
            + " user_id, role, team_id, action) values (?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String SELECT = "select read_at, user_id, role, team_id, action, journal_id from access_log";
    private static final String ORDER = " order by read_at, event_id";

    private final JdbcTemplate jdbc;

    /** @param tables on the embedded store the access log's own H2 file, else the application's store (ADR 0019) */
    AccessLogProjection(@Qualifier(TABLES) ProjectionTables tables) {
        super(READ_MODEL, tables);
        this.jdbc = tables.jdbc();
    }

    /** An older read event: one entry, keyed by the event. */
    @EventHandler
    void on(JournalContentReadEvent event, EventMessage<JournalContentReadEvent> message) {
        insert(message, event.action(), List.of(new Row(message.getIdentifier(), null, event.journalId())));
    }

    /** One entry per journal the answer showed, each keyed by the event and the journal. */
    @EventHandler
    void on(JournalsShownEvent event, EventMessage<JournalsShownEvent> message) {
        String shownBy = message.getIdentifier();
        insert(message, event.action(), event.journals().stream()
                .map(shown -> new Row(shownBy + ":" + shown.journalId(), shownBy, shown.journalId())).toList());
    }

    /** The entries of one event, inserted with all others of its batch (see {@link BatchRows}). */
    private void insert(EventMessage<?> message, String action, List<Row> rows) {
        Actor reader = ActorMetaData.from(message.getMetaData()).orElseThrow();
        OffsetDateTime at = utc(message.getTimestamp());
        List<Entry> entries = BatchRows.of(jdbc);
        rows.forEach(row -> entries.add(new Entry(row, at, reader, action)));
    }

    /** The key of one entry, the event that showed it (for an answer showing several journals), the journal. */
    private record Row(String eventId, String shownByEvent, UUID journalId) {
    }

    /** One entry as inserted. */
    private record Entry(Row row, OffsetDateTime at, Actor reader, String action) {
    }

    /**
     * The entries of the whole transaction (the processor's batch of events), inserted as one JDBC batch just before
     * it commits. Not an entity per row: an overview shows hundreds of journals. And not as each event is handled:
     * H2 writes every page changed since its last commit at whichever commit comes next, so rows inserted early in a
     * long batch made the commits of the reads being logged meanwhile write the access log's pages (docs/benchmarks.md,
     * "Access logging", session 9).
     */
    private static final class BatchRows implements TransactionSynchronization {

        private final JdbcTemplate jdbc;
        private final List<Entry> entries = new ArrayList<>();

        private BatchRows(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        static List<Entry> of(JdbcTemplate jdbc) {
            BatchRows rows = (BatchRows) TransactionSynchronizationManager.getResource(BatchRows.class);
            if (rows == null) {
                rows = new BatchRows(jdbc);
                TransactionSynchronizationManager.bindResource(BatchRows.class, rows);
                TransactionSynchronizationManager.registerSynchronization(rows);
            }
            return rows.entries;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            jdbc.batchUpdate(INSERT, entries, entries.size(), (insert, entry) -> {
                insert.setString(1, entry.row().eventId());
                insert.setString(2, entry.row().shownByEvent());
                insert.setObject(3, entry.row().journalId());
                insert.setObject(4, entry.at());
                insert.setString(5, entry.reader().userId());
                insert.setString(6, entry.reader().role().name());
                insert.setString(7, entry.reader().teamId());
                insert.setString(8, entry.action());
            });
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResource(BatchRows.class);
        }
    }

    @QueryHandler
    AccessLogPage handle(FindAccessLogQuery query) {
        if (query.page() == null) {
            return new AccessLogPage(readsOf(query, Pageable.unpaged()).getContent(), false);
        }
        return Pages.read(query.page(), page -> readsOf(query, page), AccessLogPage::new);
    }

    @QueryHandler
    List<AccessLogEntry> handle(FindAccessesQuery query) {
        return jdbc.query(SELECT + " where read_at >= ? and read_at < ?" + ORDER, AccessLogProjection::entry,
                utc(query.from()), utc(query.to()));
    }

    /** The journal's entries in the window, oldest first; one more than the page asks for says whether more follow. */
    private Slice<AccessLogEntry> readsOf(FindAccessLogQuery query, Pageable page) {
        StringBuilder sql = new StringBuilder(SELECT).append(" where journal_id = ?");
        List<Object> arguments = new ArrayList<>(List.of(query.journalId()));
        if (query.from() != null) {
            sql.append(" and read_at >= ?");
            arguments.add(utc(query.from()));
        }
        if (query.to() != null) {
            sql.append(" and read_at < ?");
            arguments.add(utc(query.to()));
        }
        sql.append(ORDER);
        if (page.isPaged()) {
            sql.append(" limit ? offset ?");
            arguments.addAll(List.of(page.getPageSize() + 1, page.getOffset()));
        }
        List<AccessLogEntry> entries = jdbc.query(sql.toString(), AccessLogProjection::entry, arguments.toArray());
        if (page.isUnpaged() || entries.size() <= page.getPageSize()) {
            return new SliceImpl<>(entries, page, false);
        }
        return new SliceImpl<>(entries.subList(0, page.getPageSize()), page, true);
    }

    private static AccessLogEntry entry(ResultSet row, int number) throws SQLException {
        return new AccessLogEntry(row.getObject(1, OffsetDateTime.class).toInstant(), row.getString(2),
                row.getString(3), row.getString(4), row.getString(5), row.getObject(6, UUID.class));
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
