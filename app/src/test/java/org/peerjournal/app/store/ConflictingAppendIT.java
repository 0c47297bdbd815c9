package org.peerjournal.app.store;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ConflictingAppend;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** On the embedded store: an append at a taken sequence number is a concurrent change, and leaves nothing. */
class ConflictingAppendIT extends ApiIntegrationTest {

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
}
