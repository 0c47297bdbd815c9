package org.peerjournal.command.provenance;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.peerjournal.shared.actor.ActorCommand;
import org.peerjournal.shared.actor.ActorMetaData;

import java.util.List;
import java.util.function.BiFunction;

/** Puts a command's actor into its metadata, and refuses commands that do not name one. */
class ActorToMetaDataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            if (!(command.getPayload() instanceof ActorCommand actorCommand) || actorCommand.actor() == null) {
                throw new IllegalArgumentException("Command " + command.getCommandName() + " names no actor");
            }
            return command.andMetaData(ActorMetaData.of(actorCommand.actor()));
        };
    }
}
