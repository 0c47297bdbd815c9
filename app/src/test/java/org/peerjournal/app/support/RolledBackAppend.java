package org.peerjournal.app.support;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.audit.JournalsShownEvent;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/** A journal event appended in a transaction that then rolls back, as a failed write is: nothing may remain of it. */
public final class RolledBackAppend {

    private RolledBackAppend() {
    }

    /** Appends the journal's event {@code sequence} and rolls the transaction back. */
    public static void append(PlatformTransactionManager transactions, EventStore eventStore, String journalId,
            long sequence) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            eventStore.publish(new GenericDomainEventMessage<>("Journal", journalId, sequence,
                    new JournalsShownEvent("rolled-back", List.of()))
                    .andMetaData(ActorMetaData.of(new Actor("rolled-back-writer", Role.PSW, "north"))));
            status.setRollbackOnly();
        });
    }
}
