package org.peerjournal.app.integrity;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.EmbeddedPostgresStore;
import org.peerjournal.app.support.StoreMigrations;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.actor.Role;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A journal's chain without a head row (migration V27): each append chains onto the journal's previous entry,
 * and the chain's unique position refuses a second transaction chaining onto the same one. A user's reads chain
 * onto a locked head row.
 */
class EventChainerTest {

    private static final String JOURNAL = "journal-1";
    private static final String READER = "clara";
    private static final String READER_CHAIN = EventChainer.ACTOR_CHAIN + READER;

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

    /**
     * A user's reads (events outside any journal) chain onto the user's head row: a second transaction waits for the
     * first holding it and then chains onto the entry that one committed, so the chain never forks.
     */
    @Test
    void twoTransactionsChainingOneUsersReadsTakeTurnsOnItsHead() throws Exception {
        readsTakeTurnsOnTheHead(this::transaction);
    }

    /** The same on PostgreSQL, whose row lock for an update is not H2's. */
    @Test
    void onPostgreSqlTooTwoTransactionsChainingOneUsersReadsTakeTurnsOnItsHead() throws Exception {
        DataSource postgres = EmbeddedPostgresStore.freshDataSource();
        StoreMigrations.flyway("postgresql").dataSource(postgres).load().migrate();
        readsTakeTurnsOnTheHead(() -> {
            Connection connection = postgres.getConnection();
            connection.setAutoCommit(false);
            return connection;
        });
    }

    private static void readsTakeTurnsOnTheHead(Transactions transactions) throws Exception {
        StoredEvent first = readRow(1);
        StoredEvent second = readRow(2);
        StoredEvent third = readRow(3);
        try (Connection alone = transactions.begin()) {
            EventChainer.chain(alone, List.of(readMessage(first)), List.of(first), nothingKnown());
            alone.commit();
        }
        ExecutorService otherThread = Executors.newSingleThreadExecutor();
        try (Connection one = transactions.begin(); Connection other = transactions.begin()) {
            EventChainer.chain(one, List.of(readMessage(second)), List.of(second), nothingKnown());
            Future<?> waiting = otherThread.submit(() -> {
                EventChainer.chain(other, List.of(readMessage(third)), List.of(third), nothingKnown());
                other.commit();
                return null;
            });
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());
            one.commit();
            waiting.get(10, TimeUnit.SECONDS);
        } finally {
            otherThread.shutdownNow();
        }

        byte[] head = Sha256.EMPTY_CHAIN;
        List<String> expected = new ArrayList<>();
        for (StoredEvent read : List.of(first, second, third)) {
            head = Sha256.chain(head, read.leafHash());
            expected.add(read.globalIndex() + ":" + HexFormat.of().formatHex(head));
        }
        List<String> stored = new ArrayList<>();
        try (Connection connection = transactions.begin();
                Statement statement = connection.createStatement();
                ResultSet entries = statement.executeQuery("select global_index, chain_seq, chain_hash"
                        + " from event_chain where chain_id = '" + READER_CHAIN + "' order by chain_seq")) {
            while (entries.next()) {
                assertThat(entries.getLong(2)).isEqualTo(stored.size());
                stored.add(entries.getLong(1) + ":" + HexFormat.of().formatHex(entries.getBytes(3)));
            }
        }
        assertThat(stored).containsExactlyElementsOf(expected);
    }

    /** Opens a connection with a transaction begun. */
    @FunctionalInterface
    private interface Transactions {
        Connection begin() throws SQLException;
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
        // Long enough for the test that keeps a transaction waiting for another's lock.
        Connection connection = DriverManager.getConnection(url + ";LOCK_TIMEOUT=10000", "sa", "");
        connection.setAutoCommit(false);
        return connection;
    }

    private static StoredEvent row(long globalIndex, long sequence) {
        return new StoredEvent(globalIndex, "event-" + globalIndex, JOURNAL, sequence, "Journal",
                "2026-11-30T06:00:00Z", "NoteRecorded", null, Sha256.of(("note " + globalIndex)
                        .getBytes(StandardCharsets.UTF_8)), Sha256.of(new byte[0]));
    }

    /** A read event as the access log stores it: outside any journal (no aggregate type), its reader's. */
    private static StoredEvent readRow(long globalIndex) {
        String eventId = "read-" + globalIndex;
        return new StoredEvent(globalIndex, eventId, eventId, 0, null, "2026-11-30T06:00:00Z", "JournalsShown", null,
                Sha256.of(("read " + globalIndex).getBytes(StandardCharsets.UTF_8)), Sha256.of(new byte[0]));
    }

    private static GenericEventMessage<String> readMessage(StoredEvent row) {
        return new GenericEventMessage<>(row.eventIdentifier(), "read",
                ActorMetaData.of(new Actor(READER, Role.CLINICIAN, "north")), Instant.parse(row.timeStamp()));
    }

    private static GenericDomainEventMessage<String> message(StoredEvent row) {
        return new GenericDomainEventMessage<>("Journal", JOURNAL, row.sequenceNumber(), "note",
                MetaData.emptyInstance(), row.eventIdentifier(), Instant.parse(row.timeStamp()));
    }
}
