package org.peerjournal.app.support;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.audit.JournalsShownEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An append at a sequence number the journal already has, as a command that lost a race to another node makes:
 * the store must refuse it as a concurrent change (which the API answers 409 and commands retry), and keep nothing.
 */
public final class ConflictingAppend {

    private ConflictingAppend() {
    }

    public static void isRefusedAsConcurrentAndLeavesNothing(PlatformTransactionManager transactions,
            EventStore eventStore, JdbcTemplate jdbc, String journalId, long takenSequence) {
        DomainEventMessage<?> conflicting = new GenericDomainEventMessage<>("Journal", journalId, takenSequence,
                new JournalsShownEvent("conflicting", List.of()))
                .andMetaData(ActorMetaData.of(new Actor("late-writer", Role.PSW, "north")));

        assertThatThrownBy(() -> new TransactionTemplate(transactions)
                .executeWithoutResult(status -> eventStore.publish(conflicting)))
                .isInstanceOf(ConcurrencyException.class);
        for (String table : List.of("domain_event_entry", "event_chain")) {
            assertThat(jdbc.queryForObject("select count(*) from " + table + " where event_identifier = ?",
                    Long.class, conflicting.getIdentifier())).as(table).isZero();
        }
    }
}
