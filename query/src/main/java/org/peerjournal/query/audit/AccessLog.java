package org.peerjournal.query.audit;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.audit.JournalContentReadEvent;
import org.peerjournal.shared.escalation.EscalationView;
import org.peerjournal.shared.journal.query.JournalSummary;
import org.peerjournal.shared.journal.query.JournalTimeline;
import org.peerjournal.shared.team.TeamOverview;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one place that decides which patients an answer shows, and records that they were shown before the answer
 * leaves: one {@link JournalContentReadEvent} per journal shown, all of one answer appended to the event store in a
 * single call (one transaction). If they cannot be stored, the exception reaches the caller and the answer is not
 * served. The events are published on their own, not through the journal aggregates, so a read never takes a
 * journal's lock.
 */
@Component
public class AccessLog {

    private final EventStore eventStore;

    AccessLog(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** A journal an answer shows, and the team it belongs to. */
    public record ShownJournal(UUID journalId, String teamId) {
    }

    public List<JournalSummary> journalList(Actor reader, List<JournalSummary> journals) {
        record(reader, AccessAction.JOURNAL_LIST,
                journals.stream().map(j -> new ShownJournal(j.journalId(), j.teamId())).toList());
        return journals;
    }

    /** The overview names the journals without contact and the journals of conflicts awaiting supervision. */
    public TeamOverview teamOverview(Actor reader, TeamOverview overview) {
        List<UUID> shown = new ArrayList<>();
        overview.journalsWithoutContact().forEach(j -> shown.add(j.journalId()));
        overview.conflictsAwaitingSupervision().forEach(c -> shown.add(c.journalId()));
        record(reader, AccessAction.TEAM_OVERVIEW,
                shown.stream().map(id -> new ShownJournal(id, overview.teamId())).toList());
        return overview;
    }

    public List<EscalationView> escalationQueue(Actor reader, List<EscalationView> queue) {
        record(reader, AccessAction.ESCALATION_QUEUE, queue.stream().map(AccessLog::shown).toList());
        return queue;
    }

    /** One change pushed on a live stream, shown to the user who holds the stream. */
    public EscalationView escalationStreamed(Actor holder, EscalationView change) {
        record(holder, AccessAction.ESCALATION_STREAM, List.of(shown(change)));
        return change;
    }

    public JournalTimeline timeline(Actor reader, JournalTimeline timeline) {
        record(reader, AccessAction.TIMELINE, List.of(new ShownJournal(timeline.journalId(), timeline.teamId())));
        return timeline;
    }

    /**
     * Records that the answer shows these journals' patients to the reader; a journal shown twice in one answer is
     * recorded once. Nothing is stored for an answer that shows nobody.
     */
    public void record(Actor reader, AccessAction action, Collection<ShownJournal> shown) {
        Map<UUID, ShownJournal> distinct = new LinkedHashMap<>();
        shown.forEach(journal -> distinct.putIfAbsent(journal.journalId(), journal));
        if (distinct.isEmpty()) {
            return;
        }
        Map<String, String> actor = ActorMetaData.of(reader);
        List<EventMessage<?>> reads = distinct.values().stream()
                .<EventMessage<?>>map(journal -> GenericEventMessage.asEventMessage(
                        new JournalContentReadEvent(journal.journalId(), journal.teamId(), action.wireName()))
                        .andMetaData(actor))
                .toList();
        eventStore.publish(reads);
    }

    private static ShownJournal shown(EscalationView view) {
        return new ShownJournal(view.journalId(), view.teamId());
    }
}
