package org.peerjournal.query.operations;

import org.peerjournal.query.directory.ContactMonthColumns;
import org.peerjournal.shared.audit.JournalContentReadEvent;
import org.peerjournal.shared.audit.JournalsShownEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictDiscussedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictFlaggedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictResolvedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationAcknowledgedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationOverdueEvent;
import org.peerjournal.shared.escalation.SafetyEscalationRaisedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationResolvedEvent;
import org.peerjournal.shared.journal.event.ContactNoteCorrectedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRecordedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRetractedEvent;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.DatabaseMetaData;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares, per projection, the events it has processed with what it holds for them (one projected row, or one
 * marked row, per event).
 */
@Component
class Reconciler {

    /**
     * The monthly rollup counts every recorded note until it is retracted: its contacts plus the retracted notes
     * make the recorded notes again, or the rollup has drifted from the notes (and the contact report with it).
     */
    private static final Measure ROLLUP_KEEPS_EVERY_NOTE = new Measure("journal-directory",
            ContactMonthColumns.TABLE + " contacts + contact_entry where retracted = true",
            "select (select " + ContactMonthColumns.totalContacts() + " from " + ContactMonthColumns.TABLE + ")"
                    + " + (select count(*) from contact_entry where retracted = true)");

    /** Per event type: which projection keeps one row (or one marked row) per event, and how to count it. */
    private static final Map<Class<?>, List<Measure>> MEASURES = Map.ofEntries(
            Map.entry(JournalOpenedEvent.class, List.of(
                    Measure.rows("journal-directory", "journal_directory", null),
                    Measure.rows("timeline", "timeline_journal", null))),
            Map.entry(ContactNoteRecordedEvent.class, List.of(
                    Measure.rows("journal-directory", "contact_entry", null),
                    ROLLUP_KEEPS_EVERY_NOTE,
                    Measure.rows("timeline", "timeline_entry", "entry_type = 'NOTE'"),
                    Measure.rows("timeline", "note_revision", "revision = 1"))),
            Map.entry(ContactNoteCorrectedEvent.class, List.of(
                    Measure.rows("timeline", "note_revision", "revision > 1"))),
            Map.entry(ContactNoteRetractedEvent.class, List.of(
                    Measure.rows("journal-directory", "contact_entry", "retracted = true"),
                    Measure.rows("timeline", "timeline_entry", "retracted = true"))),
            Map.entry(SafetyEscalationRaisedEvent.class, List.of(
                    Measure.rows("escalation-queue", "escalation_queue", null),
                    Measure.rows("timeline", "timeline_escalation", null))),
            Map.entry(SafetyEscalationOverdueEvent.class, List.of(
                    Measure.rows("escalation-queue", "escalation_queue", "overdue = true"),
                    Measure.rows("timeline", "timeline_escalation", "overdue_at is not null"))),
            Map.entry(SafetyEscalationAcknowledgedEvent.class, List.of(
                    Measure.rows("escalation-queue", "escalation_queue", "acknowledged_at is not null"),
                    Measure.rows("timeline", "timeline_escalation", "acknowledged_at is not null"))),
            Map.entry(SafetyEscalationResolvedEvent.class, List.of(
                    Measure.rows("escalation-queue", "escalation_queue", "resolved_at is not null"),
                    Measure.rows("timeline", "timeline_escalation", "resolved_at is not null"))),
            Map.entry(LoyaltyConflictFlaggedEvent.class, List.of(
                    Measure.rows("journal-directory", "conflict_entry", null),
                    Measure.rows("timeline", "timeline_conflict", null))),
            Map.entry(LoyaltyConflictDiscussedEvent.class, List.of(
                    Measure.rows("timeline", "timeline_conflict_discussion", null))),
            Map.entry(LoyaltyConflictResolvedEvent.class, List.of(
                    Measure.rows("journal-directory", "conflict_entry", "resolved = true"),
                    Measure.rows("timeline", "timeline_conflict", "resolved_at is not null"))),
            Map.entry(JournalContentReadEvent.class, List.of(
                    Measure.rows("access-log", "access_log", "shown_by_event is null"))),
            Map.entry(JournalsShownEvent.class, List.of(new Measure("access-log",
                    "access_log distinct shown_by_event", "select count(distinct shown_by_event) from access_log"))));

    private final JdbcTemplate jdbc;
    private final ProcessedEvents processedEvents;
    private final TransactionTemplate snapshot;

    Reconciler(JdbcTemplate jdbc, NamedParameterJdbcTemplate namedJdbc, PlatformTransactionManager transactions,
            DataSource dataSource, @Qualifier("serializer") Serializer serializer) throws MetaDataAccessException {
        this.jdbc = jdbc;
        this.processedEvents = new ProcessedEvents(namedJdbc, serializer);
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setReadOnly(true);
        // One snapshot of the whole database for the transaction: PostgreSQL's REPEATABLE READ gives it; H2's
        // takes a snapshot per table at first read, its SERIALIZABLE one of every table.
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        this.snapshot.setIsolationLevel(product.toLowerCase().contains("postgres")
                ? TransactionDefinition.ISOLATION_REPEATABLE_READ : TransactionDefinition.ISOLATION_SERIALIZABLE);
    }

    /**
     * Per projection, in one database snapshot: the events it has processed according to its tokens, against the
     * rows it holds for them. Events stored but not yet processed make no difference, so a projection that is
     * merely behind is consistent; only a row lost or applied twice is not.
     */
    Reconciliation reconcile() {
        Map<Measure, Reconciliation.ProjectionCount> counts = new IdentityHashMap<>();
        MEASURES.values().stream().flatMap(List::stream).map(Measure::projection).distinct()
                .forEach(projection -> snapshot.executeWithoutResult(status -> counts.putAll(count(projection))));
        // Counted last, so it includes at least every event a projection said it processed.
        Map<String, Long> stored = new HashMap<>();
        jdbc.query("select payload_type, count(*) from domain_event_entry group by payload_type",
                rs -> {
                    stored.put(rs.getString(1), rs.getLong(2));
                });
        List<Reconciliation.EventTypeCheck> checks = MEASURES.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> a.getSimpleName().compareTo(b.getSimpleName())))
                .map(entry -> {
                    List<Reconciliation.ProjectionCount> ofType = entry.getValue().stream().map(counts::get).toList();
                    return new Reconciliation.EventTypeCheck(entry.getKey().getSimpleName(),
                            stored.getOrDefault(entry.getKey().getName(), 0L), ofType,
                            ofType.stream().allMatch(Reconciliation.ProjectionCount::consistent));
                })
                .toList();
        boolean consistent = checks.stream().allMatch(Reconciliation.EventTypeCheck::consistent);
        return new Reconciliation(consistent, Instant.now().truncatedTo(ChronoUnit.MILLIS), checks);
    }

    /** Inside one snapshot: each measure of the projection, against the events of its type processed. */
    private Map<Measure, Reconciliation.ProjectionCount> count(String projection) {
        Map<Measure, String> typeOf = new IdentityHashMap<>();
        MEASURES.forEach((type, measures) -> measures.stream()
                .filter(measure -> measure.projection().equals(projection))
                .forEach(measure -> typeOf.put(measure, type.getName())));
        Map<String, Long> processed = processedEvents.of(projection, Set.copyOf(typeOf.values()));
        Map<Measure, Reconciliation.ProjectionCount> counts = new IdentityHashMap<>();
        typeOf.forEach((measure, type) -> {
            long events = processed.getOrDefault(type, 0L);
            long projected = jdbc.queryForObject(measure.sql(), Long.class);
            counts.put(measure, new Reconciliation.ProjectionCount(projection, measure.describe(), events, projected,
                    projected == events));
        });
        return counts;
    }

    /** What a projection holds for an event type, and the SQL that counts it: constants of this class, never input. */
    private record Measure(String projection, String describe, String sql) {

        /** One row, or one row matching the condition, per event. */
        static Measure rows(String projection, String table, String condition) {
            String rows = table + (condition == null ? "" : " where " + condition);
            return new Measure(projection, rows, "select count(*) from " + rows);
        }
    }
}
