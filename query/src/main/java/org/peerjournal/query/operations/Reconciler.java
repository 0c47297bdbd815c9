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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts stored events per type and what each projection holds for that type (one projected row per event). */
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

    Reconciler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Reconciliation reconcile() {
        Map<String, Long> stored = new HashMap<>();
        jdbc.query("select payload_type, count(*) from domain_event_entry group by payload_type",
                rs -> {
                    stored.put(rs.getString(1), rs.getLong(2));
                });
        List<Reconciliation.EventTypeCheck> checks = MEASURES.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> a.getSimpleName().compareTo(b.getSimpleName())))
                .map(entry -> check(entry.getKey(), stored.getOrDefault(entry.getKey().getName(), 0L),
                        entry.getValue()))
                .toList();
        boolean consistent = checks.stream().allMatch(Reconciliation.EventTypeCheck::consistent);
        return new Reconciliation(consistent, Instant.now().truncatedTo(ChronoUnit.MILLIS), checks);
    }

    private Reconciliation.EventTypeCheck check(Class<?> eventType, long stored, List<Measure> measures) {
        List<Reconciliation.ProjectionCount> counts = measures.stream().map(measure -> {
            long projected = jdbc.queryForObject(measure.sql(), Long.class);
            return new Reconciliation.ProjectionCount(measure.projection(), measure.describe(), projected,
                    projected == stored);
        }).toList();
        return new Reconciliation.EventTypeCheck(eventType.getSimpleName(), stored, counts,
                counts.stream().allMatch(Reconciliation.ProjectionCount::consistent));
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
