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
 * An append that reaches a sequence number the journal already has, as a command that lost a race to another node
 * makes: the store must refuse it as a concurrent change (which the API answers 409 and commands retry), and keep
 * none of the transaction's events. An event at a free sequence number is appended first, in the same transaction,
 * and stored before the conflicting one is tried, so only the rollback of the whole transaction keeps it out (an
 * engine writing on a connection of its own, not the transaction's, would keep it).
 */
public final class ConflictingAppend {

    private ConflictingAppend() {
    }

    public static void isRefusedAsConcurrentAndLeavesNothing(PlatformTransactionManager transactions,
            EventStore eventStore, JdbcTemplate jdbc, String journalId, long lastSequence) {
        String storedIdentifier = identifierAt(jdbc, journalId, lastSequence);
        DomainEventMessage<?> free = event(journalId, lastSequence + 1, "free sequence number");
        DomainEventMessage<?> conflicting = event(journalId, lastSequence, "taken sequence number");

        assertThatThrownBy(() -> new TransactionTemplate(transactions)
                .executeWithoutResult(status -> {
                    eventStore.publish(free);
                    eventStore.publish(conflicting);
                }))
                .isInstanceOf(ConcurrencyException.class);
        for (String table : List.of("domain_event_entry", "event_chain")) {
            assertThat(jdbc.queryForObject("select count(*) from " + table + " where event_identifier in (?, ?)",
                    Long.class, free.getIdentifier(), conflicting.getIdentifier())).as(table).isZero();
        }
        assertThat(identifierAt(jdbc, journalId, lastSequence)).isEqualTo(storedIdentifier);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, journalId)).isEqualTo(lastSequence + 1);
    }

    private static DomainEventMessage<?> event(String journalId, long sequence, String shownAs) {
        return new GenericDomainEventMessage<>("Journal", journalId, sequence,
                new JournalsShownEvent(shownAs, List.of()))
                .andMetaData(ActorMetaData.of(new Actor("late-writer", Role.PSW, "north")));
    }

    private static String identifierAt(JdbcTemplate jdbc, String journalId, long sequence) {
        return jdbc.queryForObject("select event_identifier from domain_event_entry"
                + " where aggregate_identifier = ? and sequence_number = ?", String.class, journalId, sequence);
    }
}
