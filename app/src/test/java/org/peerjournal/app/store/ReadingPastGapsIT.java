package org.peerjournal.app.store;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token with gaps reads every event past it and every event at its gaps, in order, as Axon's own query does, though
 * the query now has bounds (the oldest gap below, the batch's end above) so the database reads a range of its index
 * instead of the whole table. What this checks is that the bounds lose no event; it cannot tell how much of the index
 * a query reads, nor an upper bound that merely makes the reader fetch more often.
 */
class ReadingPastGapsIT extends ApiIntegrationTest {

    /** Axon's batch size for the event store: more events than this make the reader fetch more than once. */
    private static final int BATCH_SIZE = 100;

    @Autowired
    EventStorageEngine storageEngine;

    @Autowired
    DataSource dataSource;

    @Test
    void aTokenWithGapsReadsTheEventsAtItsGapsAndEveryEventPastIt() throws SQLException {
        String journalId = journals.openNorthJournal();
        for (int i = 0; i <= BATCH_SIZE; i++) {
            journals.recordNote(journalId, "Note " + i + " for reading past gaps.");
        }
        Map<String, Long> positionOf = storedPositions();
        List<Long> stored = positionOf.values().stream().sorted().toList();
        long last = stored.get(stored.size() - 1);
        Random random = new Random(15);

        for (int round = 0; round < 20; round++) {
            int tokenAt = stored.size() - 1 - random.nextInt(Math.min(stored.size() - 1, 150));
            long index = stored.get(tokenAt);
            TreeSet<Long> gaps = new TreeSet<>();
            for (int i = 0; i < 1 + random.nextInt(5); i++) {
                gaps.add(stored.get(Math.max(0, tokenAt - 1 - random.nextInt(60))));
            }
            gaps.add(stored.get(0) - 1); // a position no event holds (a rolled-back write): nothing to read there
            gaps.remove(index);

            List<Long> expected = stored.stream()
                    .filter(position -> position > index || gaps.contains(position))
                    .filter(position -> position <= last).toList();
            assertThat(read(GapAwareTrackingToken.newInstance(index, gaps), positionOf, last))
                    .as("token at %d with gaps %s", index, gaps).isEqualTo(expected);
        }
    }

    /**
     * The positions of the events read, in the order read (an event's token says how far the reader got, not where
     * the event is).
     */
    private List<Long> read(GapAwareTrackingToken token, Map<String, Long> positionOf, long last) {
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(token, false)) {
            return events.map(event -> positionOf.getOrDefault(event.getIdentifier(), Long.MAX_VALUE))
                    // the store keeps growing (other tests, the access log): stop once past what was counted
                    .takeWhile(position -> position <= last).toList();
        }
    }

    private Map<String, Long> storedPositions() throws SQLException {
        Map<String, Long> positions = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select event_identifier, global_index from domain_event_entry")) {
            while (rows.next()) {
                positions.put(rows.getString(1), rows.getLong(2));
            }
        }
        assertThat(positions).hasSizeGreaterThan(BATCH_SIZE);
        return positions;
    }
}
