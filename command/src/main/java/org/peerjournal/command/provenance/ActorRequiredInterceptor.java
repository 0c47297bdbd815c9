package org.peerjournal.command.provenance;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.peerjournal.shared.actor.ActorMetaData;

import java.util.List;
import java.util.function.BiFunction;

/** The last line of defence: an event without an actor in its metadata is never stored. */
class ActorRequiredInterceptor implements MessageDispatchInterceptor<EventMessage<?>> {

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, event) -> {
            if (ActorMetaData.from(event.getMetaData()).isEmpty()) {
                throw new IllegalStateException("Refusing to store " + event.getPayloadType().getSimpleName()
                        + " without an actor");
            }
            return event;
        };
    }
}
