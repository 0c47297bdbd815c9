package org.peerjournal.command.provenance;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.Test;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.journal.command.RetractContactNoteCommand;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActorToMetaDataInterceptorTest {

    private final ActorToMetaDataInterceptor interceptor = new ActorToMetaDataInterceptor();

    @Test
    void commandCarryingAnActorGetsItsUserRoleAndTeamInMetaData() {
        CommandMessage<?> command = new GenericCommandMessage<>(retractBy(new Actor("anna", Role.PSW, "ward-7")));

        CommandMessage<?> dispatched = interceptor.handle(command);

        assertThat(dispatched.getMetaData())
                .containsEntry(ActorMetaData.USER_ID, "anna")
                .containsEntry(ActorMetaData.ROLE, "PSW")
                .containsEntry(ActorMetaData.TEAM_ID, "ward-7");
        assertThat(dispatched.getPayload()).isSameAs(command.getPayload());
    }

    @Test
    void actorWithoutTeamRecordsNoTeam() {
        // auditors and admins span teams: an empty team must not read as "some team called null"
        CommandMessage<?> command = new GenericCommandMessage<>(retractBy(new Actor("ingrid", Role.AUDITOR, null)));

        CommandMessage<?> dispatched = interceptor.handle(command);

        assertThat(dispatched.getMetaData())
                .containsEntry(ActorMetaData.USER_ID, "ingrid")
                .containsEntry(ActorMetaData.ROLE, "AUDITOR")
                .doesNotContainKey(ActorMetaData.TEAM_ID);
    }

    @Test
    void metaDataTheSenderAddedIsKept() {
        // the idempotency key travels in metadata too; the actor must be added to it, not replace it
        CommandMessage<?> command = new GenericCommandMessage<>(retractBy(new Actor("anna", Role.PSW, "ward-7")),
                Map.of("idempotencyKey", "key-1"));

        CommandMessage<?> dispatched = interceptor.handle(command);

        assertThat(dispatched.getMetaData())
                .containsEntry("idempotencyKey", "key-1")
                .containsEntry(ActorMetaData.USER_ID, "anna");
    }

    @Test
    void commandWhoseActorIsMissingIsRefused() {
        CommandMessage<?> command = new GenericCommandMessage<>(retractBy(null));

        assertThatThrownBy(() -> interceptor.handle(command))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no actor");
    }

    @Test
    void commandThatCannotNameAnActorIsRefused() {
        CommandMessage<?> command = new GenericCommandMessage<>("a command from somewhere else");

        assertThatThrownBy(() -> interceptor.handle(command))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no actor");
    }

    private static RetractContactNoteCommand retractBy(Actor actor) {
        return new RetractContactNoteCommand(UUID.randomUUID(), UUID.randomUUID(), "Wrong journal", actor);
    }
}
