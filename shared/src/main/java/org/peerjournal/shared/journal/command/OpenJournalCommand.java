package org.peerjournal.shared.journal.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorCommand;

import java.util.UUID;

public record OpenJournalCommand(
        @TargetAggregateIdentifier UUID journalId,
        String teamId,
        String patientRef,
        String displayName,
        Actor actor) implements ActorCommand {
}
