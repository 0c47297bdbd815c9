package org.peerjournal.app.provenance;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProvenanceIT extends ApiIntegrationTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    CommandGateway commandGateway;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyStoredEventCarriesItsActorAndTheServerTimeItWasRecordedAt() {
        String journalId = journals.openNorthJournal();
        ApiResponse recorded = as("anna").post("/api/journals/" + journalId + "/notes", JournalApi.note("Walk."));
        String noteId = recorded.body().get("noteId").asText();
        as("anna").post("/api/journals/" + journalId + "/notes/" + noteId + "/corrections",
                Map.of("text", "Walk in the park.", "reason", "Detail"));
        as("david").post("/api/journals/" + journalId + "/notes/" + noteId + "/retraction",
                Map.of("reason", "Wrong patient"));

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(journalId).asStream().toList();

        assertThat(events).extracting(e -> e.getMetaData().get(ActorMetaData.USER_ID))
                .containsExactly("david", "anna", "anna", "david");
        assertThat(events).extracting(e -> e.getMetaData().get(ActorMetaData.ROLE))
                .containsExactly("TEAM_LEAD", "PSW", "PSW", "TEAM_LEAD");
        assertThat(events).allSatisfy(e -> assertThat(e.getMetaData().get(ActorMetaData.TEAM_ID)).isEqualTo("north"));
        assertThat(events.get(1).getTimestamp())
                .isEqualTo(Instant.parse(recorded.body().get("recordedAt").asText()));
    }

    @Test
    void anEventWithoutAnActorIsNeverStored() {
        UUID journalId = UUID.randomUUID();
        GenericEventMessage<JournalOpenedEvent> anonymousEvent = new GenericEventMessage<>(
                new JournalOpenedEvent(journalId, "north", "P-x", "Nobody"));

        assertThatThrownBy(() -> eventStore.publish(anonymousEvent)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without an actor");
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where payload_type like ?"
                + " and aggregate_identifier = ?", Integer.class, "%JournalOpened%", journalId.toString())).isZero();
    }

    @Test
    void aCommandThatNamesNoActorIsRefused() {
        assertThatThrownBy(() -> commandGateway.sendAndWait("not a journal command"))
                .hasMessageContaining("names no actor");
    }

    @Test
    void theGlobalIndexHasNoGaps() {
        String journalId = journals.openNorthJournal();
        for (int i = 0; i < 5; i++) {
            journals.recordNote(journalId, "Note " + i);
        }

        List<Long> indexes = jdbc.queryForList("select global_index from domain_event_entry"
                + " where aggregate_identifier = ? order by global_index", Long.class, journalId);

        assertThat(indexes).hasSize(6);
        assertThat(indexes.get(5) - indexes.get(0)).as("consecutive global indexes %s", indexes).isEqualTo(5);
    }
}
