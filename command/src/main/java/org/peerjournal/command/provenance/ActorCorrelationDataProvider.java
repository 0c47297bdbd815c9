package org.peerjournal.command.provenance;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.peerjournal.shared.actor.ActorMetaData;

import java.util.Map;

/**
 * Copies the actor of the message being handled (a command, a deadline) onto every message its handling causes, so
 * the events a command or a deadline causes carry who did it.
 *
 * <p>Except from the events an event processor reads ({@link TrackedEventMessage}s). The projections that handle
 * them cause no messages: the escalation stream's access-log entries are recorded as a change is sent to its holder,
 * and name that reader themselves. Yet Axon asks for the correlation data of every event it hands to a projection
 * (for the result it wraps around each), and answering deserialized every event's metadata for nothing. With the
 * timeouts around each event handler gone as well (application.yml), a replay takes about a third less CPU per
 * event (docs/benchmarks.md, "Projection replay speed", session 20).
 */
class ActorCorrelationDataProvider implements CorrelationDataProvider {

    private final CorrelationDataProvider actor =
            new SimpleCorrelationDataProvider(ActorMetaData.USER_ID, ActorMetaData.ROLE, ActorMetaData.TEAM_ID);

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        return message instanceof TrackedEventMessage ? Map.of() : actor.correlationDataFor(message);
    }
}
