package org.peerjournal.query.audit;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.audit.JournalsShownEvent;
import org.peerjournal.shared.conflict.ConflictKind;
import org.peerjournal.shared.journal.query.JournalSummary;
import org.peerjournal.shared.team.TeamOverview;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/** What an answer records, in one event, and that an answer whose record fails is not handed back. */
class AccessLogTest {

    private static final Actor CLARA = new Actor("clara", Role.CLINICIAN, "north");

    private final EventStore store = mock(EventStore.class);
    private final AccessLog accessLog = new AccessLog(store);

    @Test
    void aListIsRecordedAsOneEventNamingEachJournalOnceWithTheReader() {
        JournalSummary first = summary();
        JournalSummary second = summary();

        List<JournalSummary> served = accessLog.journalList(CLARA, List.of(first, second, first));

        assertThat(served).containsExactly(first, second, first);
        EventMessage<?> event = published();
        assertThat(event.getPayload()).isEqualTo(new JournalsShownEvent("journal-list", List.of(
                new JournalsShownEvent.Shown(first.journalId(), "north"),
                new JournalsShownEvent.Shown(second.journalId(), "north"))));
        assertThat(ActorMetaData.from(event.getMetaData())).contains(CLARA);
    }

    @Test
    void theOverviewRecordsTheJournalsWithoutContactAndThoseOfConflictsAwaitingSupervision() {
        UUID quiet = UUID.randomUUID();
        UUID conflicted = UUID.randomUUID();
        TeamOverview overview = new TeamOverview("north", Instant.now(), 2, 0, 0, 1,
                List.of(new TeamOverview.ConflictAwaitingSupervision(conflicted, UUID.randomUUID(),
                        ConflictKind.MEDICATION, "anna", Instant.now())),
                14, List.of(new TeamOverview.JournalWithoutContact(quiet, "Maria S.", null)), List.of());

        accessLog.teamOverview(CLARA, overview);

        assertThat(((JournalsShownEvent) published().getPayload()).journals())
                .extracting(JournalsShownEvent.Shown::journalId).containsExactly(quiet, conflicted);
    }

    @Test
    void anAnswerThatShowsNobodyRecordsNothing() {
        accessLog.journalList(CLARA, List.of());

        verify(store, never()).publish(any(EventMessage.class));
        verify(store, never()).publish(any(List.class));
    }

    @Test
    void whenTheRecordCannotBeStoredTheAnswerIsNotHandedBack() {
        doThrow(new IllegalStateException("store down")).when(store).publish(any(List.class));

        assertThatThrownBy(() -> accessLog.journalList(CLARA, List.of(summary())))
                .isInstanceOf(IllegalStateException.class);
    }

    private EventMessage<?> published() {
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<EventMessage<?>>> captor = ArgumentCaptor.forClass(List.class);
        verify(store).publish(captor.capture());
        assertThat(captor.getValue()).hasSize(1);
        return captor.getValue().get(0);
    }

    private static JournalSummary summary() {
        return new JournalSummary(UUID.randomUUID(), "P-" + UUID.randomUUID(), "Patient", "north", Instant.now(),
                null, 0, 0);
    }
}
