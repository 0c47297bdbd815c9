package org.peerjournal.query.audit.access;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.audit.AccessFindingConcludedEvent;
import org.peerjournal.shared.audit.FindingConclusion;
import org.peerjournal.shared.error.StateConflictException;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The auditors' conclusions on findings, kept in the event store: each finding has a stream of its own whose first
 * (sequence 0) and only event is its conclusion. The store's unique (aggregate, sequence) key refuses a second one
 * even when two auditors conclude at once.
 */
@Component
public class FindingConclusions {

    static final String STREAM_TYPE = "AccessFinding";

    private final EventStore eventStore;

    FindingConclusions(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public Optional<AccessFinding.Conclusion> of(String findingId) {
        return eventStore.readEvents(streamOf(findingId)).asStream().findFirst().map(FindingConclusions::conclusion);
    }

    /** Stores the conclusion; a finding concluded already is a conflict (409), and nothing is stored. */
    public AccessFinding.Conclusion conclude(Actor auditor, AccessFinding finding, FindingConclusion conclusion, String note) {
        if (of(finding.findingId()).isPresent()) {
            throw new StateConflictException("Finding " + finding.findingId() + " is concluded already");
        }
        DomainEventMessage<AccessFindingConcludedEvent> concluded = new GenericDomainEventMessage<>(STREAM_TYPE,
                streamOf(finding.findingId()), 0L, new AccessFindingConcludedEvent(finding.findingId(),
                        finding.rule().name(), finding.userId(), conclusion, note), ActorMetaData.of(auditor));
        eventStore.publish(concluded);
        return conclusion(concluded);
    }

    private static String streamOf(String findingId) {
        return "access-finding:" + findingId;
    }

    private static AccessFinding.Conclusion conclusion(DomainEventMessage<?> message) {
        AccessFindingConcludedEvent event = (AccessFindingConcludedEvent) message.getPayload();
        String auditor = ActorMetaData.from(message.getMetaData()).map(Actor::userId).orElse(null);
        return new AccessFinding.Conclusion(event.conclusion(), event.note(), auditor, message.getTimestamp());
    }
}
