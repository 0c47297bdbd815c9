package org.peerjournal.app.store;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ConflictingAppend;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Appending events on the embedded store. */
class EventAppendIT extends ApiIntegrationTest {

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anAppendAtATakenSequenceNumberIsRefusedAsAConcurrentChange() {
        String journalId = journals.openNorthJournal();
        journals.recordNote(journalId, "The note that took sequence number 1.");

        ConflictingAppend.isRefusedAsConcurrentAndLeavesNothing(transactions, eventStore, jdbc, journalId, 1);
    }

    @Test
    void eventsAreStoredUnderTimeOrderedIdentifiersInTheOrderTheyWereRecorded() {
        String journalId = journals.openNorthJournal();
        journals.recordNote(journalId, "First of two notes with time-ordered event identifiers.");
        journals.recordNote(journalId, "Second of two notes with time-ordered event identifiers.");

        List<String> identifiers = jdbc.queryForList("select event_identifier from domain_event_entry"
                + " where aggregate_identifier = ? order by sequence_number", String.class, journalId);
        assertThat(identifiers).hasSize(3).isSorted()
                .allSatisfy(identifier -> assertThat(UUID.fromString(identifier).version()).isEqualTo(7));
    }
}
