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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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

        // Other tests store events meanwhile: every number between this journal's first and last event must be
        // taken by some stored event. A transaction still open elsewhere may hold one for a moment, hence the wait.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Object> span = jdbc.queryForMap("select min(global_index) as first, max(global_index) as last"
                    + " from domain_event_entry where aggregate_identifier = ?", journalId);
            long first = ((Number) span.get("first")).longValue();
            long last = ((Number) span.get("last")).longValue();
            Long taken = jdbc.queryForObject("select count(*) from domain_event_entry"
                    + " where global_index between ? and ?", Long.class, first, last);
            assertThat(taken).as("global indexes %d..%d all taken", first, last).isEqualTo(last - first + 1);
        });
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Integer.class, journalId)).isEqualTo(6);
    }
}
