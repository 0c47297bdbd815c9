package org.peerjournal.query.audit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.peerjournal.query.fold.TimelineFold;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;
import org.peerjournal.shared.journal.query.JournalTimeline;
import org.peerjournal.shared.journal.query.TimelineEntry;

import java.time.Instant;
import java.util.List;

/**
 * A journal's timeline as it was recorded at {@code asOf}: what anyone could have known then. Folded from the stored
 * events, not read from the timeline projection, so an auditor's view does not depend on the read side being
 * current; {@link TimelineFold} is the same definition of an entry the projection is proven against. Retracted notes
 * are included (marked), as auditors see everything.
 */
public final class AsOfTimelineBuilder {

    private AsOfTimelineBuilder() {
    }

    public static JournalTimeline build(List<? extends DomainEventMessage<?>> events, Instant asOf) {
        TimelineFold fold = new TimelineFold();
        // Named from the opening event whatever asOf is: before the journal was opened it is this journal, empty.
        fold.apply(events.get(0).getPayload(), events.get(0).getTimestamp());
        events.stream().skip(1).filter(event -> !event.getTimestamp().isAfter(asOf))
                .forEach(event -> fold.apply(event.getPayload(), event.getTimestamp()));
        JournalOpenedEvent opened = fold.opening();
        List<TimelineEntry> newestFirst = fold.newestFirst();
        return new JournalTimeline(opened.journalId(), opened.displayName(), opened.teamId(), newestFirst, 0,
                newestFirst.size(), newestFirst.size());
    }
}
