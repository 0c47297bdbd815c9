package org.peerjournal.command.journal;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.error.JournalNotFoundException;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may open a journal's forms: its team's members; to everyone else, per role, the journal is not found. */
class JournalMembershipTest {

    private final EventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final JournalMembership membership = new JournalMembership(eventStore);
    private final UUID journalId = UUID.randomUUID();

    JournalMembershipTest() {
        eventStore.publish(new GenericDomainEventMessage<>("Journal", journalId.toString(), 0,
                new JournalOpenedEvent(journalId, "north", "P-1", "Patient")));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"PSW", "CLINICIAN", "TEAM_LEAD"})
    void aMemberOfTheJournalsTeamMayOpenItsForms(Role role) {
        assertThatCode(() -> membership.requireMember(new Actor("u", role, "north"), journalId))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"PSW", "CLINICIAN", "TEAM_LEAD"})
    void aMemberOfAnotherTeamFindsNoSuchJournal(Role role) {
        assertThatThrownBy(() -> membership.requireMember(new Actor("u", role, "south"), journalId))
                .isInstanceOf(JournalNotFoundException.class);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"AUDITOR", "ADMIN"})
    void aUserOfNoTeamFindsNoSuchJournal(Role role) {
        assertThatThrownBy(() -> membership.requireMember(new Actor("u", role, null), journalId))
                .isInstanceOf(JournalNotFoundException.class);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"PSW", "CLINICIAN", "TEAM_LEAD"})
    void anUnknownJournalIsNotFoundEvenInTheOwnTeam(Role role) {
        assertThatThrownBy(() -> membership.requireMember(new Actor("u", role, "north"), UUID.randomUUID()))
                .isInstanceOf(JournalNotFoundException.class);
    }
}
