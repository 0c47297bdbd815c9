package org.peerjournal.query.timeline;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.peerjournal.query.policy.ReadPolicy;
import org.peerjournal.query.projection.ProjectionTables;
import org.peerjournal.query.projection.ReadModel;
import org.peerjournal.query.projection.ReadModel.Measure;
import org.peerjournal.query.projection.ReadModelProjection;
import org.peerjournal.shared.conflict.LoyaltyConflictDiscussedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictFlaggedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictResolvedEvent;
import org.peerjournal.shared.escalation.EscalationStatus;
import org.peerjournal.shared.escalation.SafetyEscalationAcknowledgedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationOverdueEvent;
import org.peerjournal.shared.escalation.SafetyEscalationRaisedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationResolvedEvent;
import org.peerjournal.shared.journal.event.ContactNoteCorrectedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRecordedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRetractedEvent;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;
import org.peerjournal.shared.journal.query.EntryType;
import org.peerjournal.shared.journal.query.FindJournalTimelineQuery;
import org.peerjournal.shared.journal.query.JournalTimeline;
import org.peerjournal.shared.journal.query.TimelineEntry;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** The patient timeline: every entry with its full revision history, newest first. */
@Component
@ProcessingGroup(TimelineProjection.NAME)
class TimelineProjection extends ReadModelProjection {

    static final String NAME = "timeline";
    /**
     * Keeps the journals' headers ({@code timeline_journal}) on a replay: they only ever hold what JournalOpenedEvent
     * said, which the replay writes again unchanged, and without them every timeline would answer 404, as if the
     * journal did not exist, until the replay reached its opening.
     */
    static final ReadModel READ_MODEL = ReadModel.of(NAME, "timeline_conflict_discussion", "timeline_conflict",
                    "timeline_escalation", "note_revision", "timeline_entry")
            .counts(JournalOpenedEvent.class, Measure.rows("timeline_journal"))
            .counts(ContactNoteRecordedEvent.class, Measure.rows("timeline_entry", "entry_type = 'NOTE'"),
                    Measure.rows("note_revision", "revision = 1"))
            .counts(ContactNoteCorrectedEvent.class, Measure.rows("note_revision", "revision > 1"))
            .counts(ContactNoteRetractedEvent.class, Measure.rows("timeline_entry", "retracted = true"))
            .counts(SafetyEscalationRaisedEvent.class, Measure.rows("timeline_escalation"))
            .counts(SafetyEscalationOverdueEvent.class, Measure.rows("timeline_escalation", "overdue_at is not null"))
            .counts(SafetyEscalationAcknowledgedEvent.class,
                    Measure.rows("timeline_escalation", "acknowledged_at is not null"))
            .counts(SafetyEscalationResolvedEvent.class,
                    Measure.rows("timeline_escalation", "resolved_at is not null"))
            .counts(LoyaltyConflictFlaggedEvent.class, Measure.rows("timeline_conflict"))
            .counts(LoyaltyConflictDiscussedEvent.class, Measure.rows("timeline_conflict_discussion"))
            .counts(LoyaltyConflictResolvedEvent.class, Measure.rows("timeline_conflict", "resolved_at is not null"));

    private final TimelineJournalRepository journals;
    private final TimelineEntryRepository entries;
    private final NoteRevisionRepository revisions;
    private final TimelineEscalationRepository escalations;
    private final TimelineConflictRepository conflicts;
    private final TimelineConflictDiscussionRepository discussions;
    private final TimelinePageReader pages;
    private final RecordedNoteRows recordedNotes;

    TimelineProjection(TimelineJournalRepository journals, TimelineEntryRepository entries,
            NoteRevisionRepository revisions, TimelineEscalationRepository escalations,
            TimelineConflictRepository conflicts, TimelineConflictDiscussionRepository discussions,
            TimelinePageReader pages, RecordedNoteRows recordedNotes, ProjectionTables tables) {
        super(READ_MODEL, tables);
        this.journals = journals;
        this.entries = entries;
        this.revisions = revisions;
        this.escalations = escalations;
        this.conflicts = conflicts;
        this.discussions = discussions;
        this.pages = pages;
        this.recordedNotes = recordedNotes;
    }

    @EventHandler
    void on(JournalOpenedEvent event) {
        journals.save(new TimelineJournalRecord(event.journalId(), event.teamId(), event.displayName()));
    }

    @EventHandler
    void on(ContactNoteRecordedEvent event, @Timestamp Instant recordedAt) {
        recordedNotes.insert(event, recordedAt);
    }

    @EventHandler
    void on(ContactNoteCorrectedEvent event, @Timestamp Instant recordedAt) {
        revisions.save(new NoteRevisionRecord(event.noteId(), event.revision(), event.text(), event.correctedBy(),
                recordedAt, event.reason()));
        entries.findById(event.noteId()).ifPresent(entry -> entry.correct(event.revision(), event.text()));
    }

    @EventHandler
    void on(ContactNoteRetractedEvent event, @Timestamp Instant recordedAt) {
        entries.findById(event.noteId())
                .ifPresent(entry -> entry.retract(event.reason(), event.retractedBy(), recordedAt));
    }

    @EventHandler
    void on(SafetyEscalationRaisedEvent event, @Timestamp Instant raisedAt) {
        entries.save(TimelineEntryRecord.escalation(event.escalationId(), event.journalId(), raisedAt,
                event.raisedBy()));
        escalations.save(new TimelineEscalationRecord(event.escalationId(), event.category(), event.severity(),
                event.description(), event.patientInformed(), event.staffAlreadyInformed(), event.acknowledgeBy()));
    }

    @EventHandler
    void on(SafetyEscalationOverdueEvent event, @Timestamp Instant at) {
        escalations.findById(event.escalationId()).ifPresent(escalation -> escalation.overdue(at));
    }

    @EventHandler
    void on(SafetyEscalationAcknowledgedEvent event, @Timestamp Instant at) {
        escalations.findById(event.escalationId())
                .ifPresent(escalation -> escalation.acknowledged(event.acknowledgedBy(), at, event.actionTaken()));
        entries.findById(event.escalationId())
                .ifPresent(entry -> entry.escalationStatus(EscalationStatus.ACKNOWLEDGED));
    }

    @EventHandler
    void on(SafetyEscalationResolvedEvent event, @Timestamp Instant at) {
        escalations.findById(event.escalationId())
                .ifPresent(escalation -> escalation.resolved(event.resolvedBy(), at, event.outcome()));
        entries.findById(event.escalationId()).ifPresent(entry -> entry.escalationStatus(EscalationStatus.RESOLVED));
    }

    @EventHandler
    void on(LoyaltyConflictFlaggedEvent event, @Timestamp Instant flaggedAt) {
        entries.save(TimelineEntryRecord.loyaltyConflict(event.conflictId(), event.journalId(), flaggedAt,
                event.flaggedBy()));
        conflicts.save(new TimelineConflictRecord(event.conflictId(), event.kind(), event.description(),
                event.patientPerspective(), event.staffPerspective(), event.supervisionRequested()));
    }

    @EventHandler
    void on(LoyaltyConflictDiscussedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        discussions.save(new TimelineConflictDiscussionRecord(event.discussionId(), event.conflictId(), event.forum(),
                event.summary(), event.discussedBy(), at, sequence));
    }

    @EventHandler
    void on(LoyaltyConflictResolvedEvent event, @Timestamp Instant at) {
        conflicts.findById(event.conflictId())
                .ifPresent(conflict -> conflict.resolved(event.resolution(), event.resolvedBy(), at));
        entries.findById(event.conflictId()).ifPresent(TimelineEntryRecord::conflictResolved);
    }

    @QueryHandler
    Optional<JournalTimeline> handle(FindJournalTimelineQuery query) {
        return journals.findById(query.journalId())
                .filter(journal -> ReadPolicy.mayReadJournal(query.viewerTeamId(), journal.teamId()))
                .map(journal -> timelineOf(journal, query));
    }

    private JournalTimeline timelineOf(TimelineJournalRecord journal, FindJournalTimelineQuery query) {
        TimelinePageReader.EntriesPage page = pages.read(query);
        Map<UUID, List<TimelineEntry.NoteRevision>> history = revisionsOf(page.entries());
        Map<UUID, TimelineEntry.EscalationDetails> lifecycles = escalationsOf(page.entries());
        Map<UUID, TimelineEntry.LoyaltyConflictDetails> flags = conflictsOf(page.entries());
        List<TimelineEntry> shown = page.entries().stream()
                .map(entry -> toEntry(entry, history.getOrDefault(entry.entryId(), List.of()),
                        lifecycles.get(entry.entryId()), flags.get(entry.entryId())))
                .toList();
        return new JournalTimeline(journal.journalId(), journal.displayName(), journal.teamId(), shown,
                query.page(), query.size(), page.total());
    }

    private Map<UUID, TimelineEntry.EscalationDetails> escalationsOf(List<TimelineEntryRecord> page) {
        List<UUID> ids = idsOf(page, EntryType.ESCALATION);
        if (ids.isEmpty()) {
            return Map.of();
        }
        return escalations.findByEntryIdIn(ids).stream()
                .collect(Collectors.toMap(TimelineEscalationRecord::entryId, TimelineEscalationRecord::toDetails));
    }

    private Map<UUID, TimelineEntry.LoyaltyConflictDetails> conflictsOf(List<TimelineEntryRecord> page) {
        List<UUID> ids = idsOf(page, EntryType.LOYALTY_CONFLICT);
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<TimelineEntry.Discussion>> talks = discussions.findByConflictIdInOrderByDiscussedAtAscSequenceNoAsc(ids)
                .stream().collect(Collectors.groupingBy(TimelineConflictDiscussionRecord::conflictId,
                        Collectors.mapping(TimelineConflictDiscussionRecord::toDiscussion, Collectors.toList())));
        return conflicts.findByEntryIdIn(ids).stream().collect(Collectors.toMap(TimelineConflictRecord::entryId,
                conflict -> conflict.toDetails(talks.getOrDefault(conflict.entryId(), List.of()))));
    }

    private static List<UUID> idsOf(List<TimelineEntryRecord> page, EntryType type) {
        return page.stream().filter(entry -> entry.entryType() == type).map(TimelineEntryRecord::entryId).toList();
    }

    private Map<UUID, List<TimelineEntry.NoteRevision>> revisionsOf(List<TimelineEntryRecord> page) {
        List<UUID> ids = idsOf(page, EntryType.NOTE);
        if (ids.isEmpty()) {
            return Map.of();
        }
        return revisions.findByNoteIdInOrderByRevisionAsc(ids).stream()
                .collect(Collectors.groupingBy(NoteRevisionRecord::noteId,
                        Collectors.mapping(r -> new TimelineEntry.NoteRevision(r.revision(), r.text(), r.author(),
                                r.recordedAt(), r.reason()), Collectors.toList())));
    }

    private static TimelineEntry toEntry(TimelineEntryRecord entry, List<TimelineEntry.NoteRevision> history,
            TimelineEntry.EscalationDetails escalation, TimelineEntry.LoyaltyConflictDetails conflict) {
        return switch (entry.entryType()) {
            case NOTE -> entry.toNote(history);
            case ESCALATION -> entry.toEscalation(escalation);
            case LOYALTY_CONFLICT -> entry.toLoyaltyConflict(conflict);
        };
    }
}
