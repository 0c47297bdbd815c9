package org.peerjournal.command.provenance;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.actor.Role;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class ActorCorrelationDataProviderTest {

    private static final Map<String, String> ANNA = ActorMetaData.of(new Actor("anna", Role.PSW, "ward-7"));

    private final ActorCorrelationDataProvider provider = new ActorCorrelationDataProvider();

    @Test
    void aCommandsActorGoesOnToWhatItCausesAndNothingElseOfItsMetaData() {
        Map<String, Object> metaData = new HashMap<>(ANNA);
        metaData.put("idempotencyKey", "key-1");

        assertThat(provider.correlationDataFor(new GenericCommandMessage<>("retract", metaData)))
                .isEqualTo(ANNA);
    }

    @Test
    void aDeadlinesActorGoesOnToTheEventsItCauses() {
        // a deadline message is an event message too, but not one an event processor reads: the escalation's overdue
        // event must keep the actor the deadline was scheduled with
        assertThat(provider.correlationDataFor(GenericDeadlineMessage.asDeadlineMessage("overdue", "escalation",
                Instant.now()).andMetaData(ANNA))).isEqualTo(ANNA);
    }

    @Test
    void anEventAProjectionReadsPassesNothingOn() {
        TrackedEventMessage<?> read = new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(1),
                GenericEventMessage.asEventMessage("opened").andMetaData(ANNA));

        assertThat(provider.correlationDataFor(read)).isEmpty();
    }

    @Test
    void anEventAProjectionReadsIsNotDeserializedForIt() {
        // what the exception is for: Axon asks for every event a projection handles
        TrackedEventMessage<?> read = mock(TrackedEventMessage.class);

        provider.correlationDataFor(read);

        verify(read, never()).getMetaData();
    }
}
