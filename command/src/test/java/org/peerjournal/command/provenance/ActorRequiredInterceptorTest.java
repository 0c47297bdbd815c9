package org.peerjournal.command.provenance;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActorRequiredInterceptorTest {

    private final ActorRequiredInterceptor interceptor = new ActorRequiredInterceptor();

    @Test
    void eventWithoutAnActorIsNeverStored() {
        EventMessage<?> event = new GenericEventMessage<>(opened());

        assertThatThrownBy(() -> interceptor.handle(event))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JournalOpenedEvent");
    }

    @Test
    void eventWithOnlyPartOfAnActorIsNeverStored() {
        // a user id without a role cannot tell an auditor what the user was allowed to do
        EventMessage<?> event = new GenericEventMessage<>(opened(), Map.of(ActorMetaData.USER_ID, "lena"));

        assertThatThrownBy(() -> interceptor.handle(event)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void eventWithAnActorPassesUnchanged() {
        EventMessage<?> event = new GenericEventMessage<>(opened(),
                ActorMetaData.of(new Actor("lena", Role.TEAM_LEAD, "ward-7")));

        assertThat(interceptor.handle(event)).isSameAs(event);
    }

    @Test
    void oneEventWithoutAnActorIsRefusedAmongOthersThatHaveOne() {
        EventMessage<?> withActor = new GenericEventMessage<>(opened(),
                ActorMetaData.of(new Actor("lena", Role.TEAM_LEAD, "ward-7")));
        EventMessage<?> withoutActor = new GenericEventMessage<>(opened());

        BiFunction<Integer, EventMessage<?>, EventMessage<?>> check =
                interceptor.handle(List.of(withActor, withoutActor));

        assertThat(check.apply(0, withActor)).isSameAs(withActor);
        assertThatThrownBy(() -> check.apply(1, withoutActor)).isInstanceOf(IllegalStateException.class);
    }

    private static JournalOpenedEvent opened() {
        return new JournalOpenedEvent(UUID.randomUUID(), "ward-7", "P-1042", "Patient 1042");
    }
}
