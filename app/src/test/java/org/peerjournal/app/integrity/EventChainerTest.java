package org.peerjournal.app.integrity;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.StoreMigrations;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A journal's chain without a head row (migration V27): each append chains onto the journal's previous entry,
 * and the chain's unique position refuses a second transaction chaining onto the same one.
 */
class EventChainerTest {

    private static final String JOURNAL = "journal-1";

    @TempDir
    Path dataDir;
    private String url;

    @BeforeEach
    void migrate() {
        url = "jdbc:h2:file:" + dataDir.resolve("peerjournal");
        StoreMigrations.flyway("h2").dataSource(url, "sa", "").load().migrate();
    }

    @Test
    void aJournalsAppendsChainOntoItsPreviousEntryWithoutAHeadRow() throws Exception {
        StoredEvent first = row(1, 0);
        StoredEvent second = row(2, 1);
        StoredEvent third = row(3, 2);
        appendInOwnTransaction(first);
        appendInOwnTransaction(second, third);

        byte[] head = Sha256.EMPTY_CHAIN;
        List<byte[]> expected = new ArrayList<>();
        for (StoredEvent event : List.of(first, second, third)) {
            head = Sha256.chain(head, event.leafHash());
            expected.add(head);
        }
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            try (ResultSet entries = statement.executeQuery("select chain_seq, chain_hash from event_chain"
                    + " where chain_id = '" + JOURNAL + "' order by chain_seq")) {
                List<byte[]> stored = new ArrayList<>();
                while (entries.next()) {
                    assertThat(entries.getLong(1)).isEqualTo(stored.size());
                    stored.add(entries.getBytes(2));
                }
                assertThat(stored).containsExactlyElementsOf(expected);
            }
            try (ResultSet heads = statement.executeQuery("select count(*) from chain_head")) {
                heads.next();
                assertThat(heads.getLong(1)).isZero();
            }
        }
    }

    @Test
    void aSecondTransactionChainingOntoTheSameEntryIsRefused() throws Exception {
        appendInOwnTransaction(row(1, 0));
        try (Connection one = transaction(); Connection other = transaction()) {
            EventChainer.chain(one, List.of(message(row(2, 1))), List.of(row(2, 1)), nothingKnown());
            one.commit();
            // Another event 1 of the same journal (the event table's unique key would refuse it first; the chain
            // refuses it on its own too), chained onto the same entry 0.
            assertThatThrownBy(() -> EventChainer.chain(other, List.of(message(row(3, 1))), List.of(row(3, 1)),
                    nothingKnown()))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("UK_EVENT_CHAIN_POSITION");
        }
    }

    @Test
    void anAppendWhosePreviousEntryIsMissingIsRefusedAndStoresNothing() throws Exception {
        appendInOwnTransaction(row(1, 0));
        try (Connection connection = transaction()) {
            assertThatThrownBy(() -> EventChainer.chain(connection, List.of(message(row(3, 2))), List.of(row(3, 2)),
                    nothingKnown()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no chain entry at sequence 1");
            assertThatThrownBy(() -> EventChainer.chain(connection, List.of(message(row(2, 1)), message(row(3, 3))),
                    List.of(row(2, 1), row(3, 3)), nothingKnown()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("has sequence number 3 where its chain expects 2");
            connection.rollback();
        }
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("select count(*) from event_chain")) {
            count.next();
            assertThat(count.getLong(1)).isEqualTo(1);
        }
    }

    /**
     * A journal's previous entry remembered from a committed append is chained onto as it is, without reading it
     * (here the store does not even hold it: read, the append would be refused as above); any other is read.
     */
    @Test
    void aRememberedPreviousEntryIsChainedOntoWithoutReadingIt() throws Exception {
        appendInOwnTransaction(row(1, 0));
        byte[] remembered = Sha256.of("entry 4, committed".getBytes(StandardCharsets.UTF_8));
        CommittedJournalHeads known = new CommittedJournalHeads();
        known.committed(List.of(new CommittedJournalHeads.ChainHead(JOURNAL, 4, remembered)));

        try (Connection connection = transaction()) {
            List<CommittedJournalHeads.ChainHead> heads = EventChainer.chain(connection,
                    List.of(message(row(6, 5)), message(row(7, 6))), List.of(row(6, 5), row(7, 6)), known);

            byte[] expected = Sha256.chain(Sha256.chain(remembered, row(6, 5).leafHash()), row(7, 6).leafHash());
            assertThat(heads).singleElement().satisfies(head -> {
                assertThat(head.chainId()).isEqualTo(JOURNAL);
                assertThat(head.seq()).isEqualTo(6);
                assertThat(head.hash()).isEqualTo(expected);
            });
            assertThatThrownBy(() -> EventChainer.chain(connection, List.of(message(row(9, 8))),
                    List.of(row(9, 8)), known)).hasMessageContaining("no chain entry at sequence 7");
            connection.rollback();
        }
    }

    private static CommittedJournalHeads nothingKnown() {
        return new CommittedJournalHeads();
    }

    private void appendInOwnTransaction(StoredEvent... rows) throws SQLException {
        try (Connection connection = transaction()) {
            EventChainer.chain(connection, List.of(rows).stream().map(EventChainerTest::message).toList(),
                    List.of(rows), nothingKnown());
            connection.commit();
        }
    }

    private Connection transaction() throws SQLException {
        Connection connection = DriverManager.getConnection(url, "sa", "");
        connection.setAutoCommit(false);
        return connection;
    }

    private static StoredEvent row(long globalIndex, long sequence) {
        return new StoredEvent(globalIndex, "event-" + globalIndex, JOURNAL, sequence, "Journal",
                "2026-11-30T06:00:00Z", "NoteRecorded", null, Sha256.of(("note " + globalIndex)
                        .getBytes(StandardCharsets.UTF_8)), Sha256.of(new byte[0]));
    }

    private static GenericDomainEventMessage<String> message(StoredEvent row) {
        return new GenericDomainEventMessage<>("Journal", JOURNAL, row.sequenceNumber(), "note",
                MetaData.emptyInstance(), row.eventIdentifier(), Instant.parse(row.timeStamp()));
    }
}
