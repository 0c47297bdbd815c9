package org.peerjournal.query.audit;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.audit.JournalsShownEvent;
import org.peerjournal.shared.audit.JournalsShownEvent.Shown;
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
 * leaves: one {@link JournalsShownEvent} per answer naming every journal it shows (one insert, whether it shows one
 * journal or 1,000; the access-log projection keeps one entry per journal). If it cannot be stored, the exception
 * reaches the caller and the answer is not served. The event is published on its own, not through the journal
 * aggregates, so a read never takes a journal's lock; answers given at the same time store their events together
 * ({@link GroupCommit}).
 */
@Component
public class AccessLog {

    private final GroupCommit groupCommit;

    AccessLog(EventStore eventStore) {
        this.groupCommit = new GroupCommit(eventStore);
    }

    public List<JournalSummary> journalList(Actor reader, List<JournalSummary> journals) {
        record(reader, AccessAction.JOURNAL_LIST,
                journals.stream().map(j -> new Shown(j.journalId(), j.teamId())).toList());
        return journals;
    }

    /** The overview names the journals without contact and the journals of conflicts awaiting supervision. */
    public TeamOverview teamOverview(Actor reader, TeamOverview overview) {
        List<UUID> shown = new ArrayList<>();
        overview.journalsWithoutContact().forEach(j -> shown.add(j.journalId()));
        overview.conflictsAwaitingSupervision().forEach(c -> shown.add(c.journalId()));
        record(reader, AccessAction.TEAM_OVERVIEW,
                shown.stream().map(id -> new Shown(id, overview.teamId())).toList());
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
        record(reader, AccessAction.TIMELINE, List.of(new Shown(timeline.journalId(), timeline.teamId())));
        return timeline;
    }

    /**
     * Records that the answer shows these journals' patients to the reader; a journal shown twice in one answer is
     * recorded once. Nothing is stored for an answer that shows nobody.
     */
    public void record(Actor reader, AccessAction action, Collection<Shown> shown) {
        Map<UUID, Shown> distinct = new LinkedHashMap<>();
        shown.forEach(journal -> distinct.putIfAbsent(journal.journalId(), journal));
        if (distinct.isEmpty()) {
            return;
        }
        groupCommit.store(GenericEventMessage.asEventMessage(
                new JournalsShownEvent(action.wireName(), List.copyOf(distinct.values())))
                .andMetaData(ActorMetaData.of(reader)));
    }

    private static Shown shown(EscalationView view) {
        return new Shown(view.journalId(), view.teamId());
    }
}
