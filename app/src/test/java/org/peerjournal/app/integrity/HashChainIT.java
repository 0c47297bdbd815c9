package org.peerjournal.app.integrity;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.RolledBackAppend;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.audit.JournalsShownEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every stored event gets its chain entry in its own transaction, the sealer seals every committed event (late ones
 * too) and signs what the verifier checks.
 */
class HashChainIT extends ApiIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    Sealer sealer;
    @Autowired
    EventStore eventStore;
    @Autowired
    PlatformTransactionManager transactionManager;

    /** The sealer stops waiting for an uncommitted global index after this, in the late-commit test. */
    private static final Duration GAP_TIMEOUT = Duration.ofMillis(300);

    @Test
    void aJournalsEventsFormOneChainInSequenceOrder() {
        String journalId = journals.openNorthJournal();
        journals.recordNote(journalId, "First note.");
        journals.recordNote(journalId, "Second note.");

        List<Map<String, Object>> chain = jdbc.queryForList("select c.chain_seq, c.leaf_hash, c.chain_hash,"
                + " e.sequence_number from event_chain c join domain_event_entry e on e.global_index = c.global_index"
                + " where c.chain_id = ? order by c.chain_seq", journalId);

        assertThat(chain).extracting(row -> row.get("chain_seq")).containsExactly(0L, 1L, 2L);
        assertThat(chain).allSatisfy(row -> assertThat(row.get("chain_seq")).isEqualTo(row.get("sequence_number")));
        assertEachEntryChainsOntoThePrevious(chain);
    }

    private static void assertEachEntryChainsOntoThePrevious(List<Map<String, Object>> chain) {
        byte[] head = Sha256.EMPTY_CHAIN;
        for (Map<String, Object> row : chain) {
            head = Sha256.chain(head, (byte[]) row.get("leaf_hash"));
            assertThat((byte[]) row.get("chain_hash")).as("entry %s", row.get("chain_seq")).isEqualTo(head);
        }
    }

    /**
     * An append whose transaction rolls back leaves nothing a later append chains onto: the journal's next events
     * take its sequence number and chain onto what was committed (the engine remembers committed heads only).
     */
    @Test
    void anAppendThatRolledBackIsNotChainedOnto() {
        String journalId = journals.openNorthJournal();
        RolledBackAppend.append(transactionManager, eventStore, journalId, 1);
        journals.recordNote(journalId, "Takes sequence 1 after the rollback.");
        journals.recordNote(journalId, "Chains onto the committed sequence 1.");

        List<Map<String, Object>> chain = jdbc.queryForList("select chain_seq, leaf_hash, chain_hash from event_chain"
                + " where chain_id = ? order by chain_seq", journalId);

        assertThat(chain).extracting(row -> row.get("chain_seq")).containsExactly(0L, 1L, 2L);
        assertEachEntryChainsOntoThePrevious(chain);
    }

    /**
     * The chain is computed from the rows as the engine reports it wrote them, never read back: each entry's hashes
     * are those of the row as it reads from the table, for a short note, a note longer than the 16 KiB H2 keeps in
     * the row (stored as a LOB), text beyond ASCII, and a read's log event (no aggregate).
     */
    @Test
    void eachChainEntryHoldsTheHashesOfItsRowAsStored() {
        String journalId = journals.openNorthJournal();
        journals.recordNote(journalId, "Kurz: Gespräch über die Woche, 睡眠 und 🙂.");
        journals.recordNote(journalId, "Long note. ".repeat(1_700));
        journals.timeline("clara", journalId, "");
        long from = jdbc.queryForObject("select min(global_index) from domain_event_entry where aggregate_identifier"
                + " = ?", Long.class, journalId);

        Map<Long, Map<String, Object>> entries = new java.util.HashMap<>();
        jdbc.queryForList("select global_index, payload_hash, meta_data_hash, leaf_hash from event_chain where"
                + " global_index >= ?", from).forEach(entry -> entries.put((Long) entry.get("global_index"), entry));
        List<StoredEvent> stored = jdbc.query("select " + StoredEvent.COLUMNS + " from domain_event_entry where"
                + " global_index >= ? order by global_index", (row, i) -> StoredEvent.read(row), from);

        assertThat(stored).hasSizeGreaterThanOrEqualTo(4).allSatisfy(row -> {
            Map<String, Object> entry = entries.get(row.globalIndex());
            assertThat((byte[]) entry.get("payload_hash")).as("payload of %s", row).isEqualTo(row.payloadHash());
            assertThat((byte[]) entry.get("meta_data_hash")).as("metadata of %s", row).isEqualTo(row.metaDataHash());
            assertThat((byte[]) entry.get("leaf_hash")).as("leaf of %s", row).isEqualTo(row.leafHash());
        });
    }

    @Test
    void eventsOutsideAJournalFormTheirActorsChain() {
        String journalId = journals.openNorthJournal();
        long before = chainLength("actor/clara");
        journals.timeline("clara", journalId, "");
        journals.timeline("clara", journalId, "");

        assertThat(chainLength("actor/clara")).isEqualTo(before + 2);
        assertThat(jdbc.queryForList("select e.payload_type from event_chain c join domain_event_entry e"
                + " on e.global_index = c.global_index where c.chain_id = 'actor/clara' order by c.chain_seq desc"
                + " limit 2", String.class)).allSatisfy(type -> assertThat(type).endsWith("JournalsShownEvent"));
    }

    private long chainLength(String chainId) {
        return jdbc.queryForObject("select count(*) from event_chain where chain_id = ?", Long.class, chainId);
    }

    @Test
    void theSealedTreeMatchesItsSignedCheckpointAndTheWitnessFile() throws SQLException {
        String journalId = journals.openNorthJournal();
        journals.recordNote(journalId, "Sealed note.");

        String note = sealer.seal(Duration.ZERO, Duration.ZERO).orElseThrow();

        try (Connection connection = dataSource.getConnection()) {
            VerificationReport report = StoreVerifier.verify(connection, List.of(), List.of(SignedNote.parse(note)));
            assertThat(report.discrepancies()).isEmpty();
            assertThat(report.verifiedTreeSize()).isEqualTo(SignedNote.parse(note).checkpoint().treeSize())
                    .isPositive();
        }
    }

    /** A round with nothing to seal and no checkpoint due writes nothing, not even its claim on the sealer row. */
    @Test
    void anIdleRoundWritesNothing() {
        journals.recordNote(journals.openNorthJournal(), "Sealed before the idle round.");
        sealer.seal(Duration.ZERO, Duration.ZERO);
        Object claimedUntil = jdbc.queryForObject("select claimed_until from integrity_sealer", Object.class);

        assertThat(sealer.seal(Duration.ZERO, Duration.ZERO)).isEmpty();

        assertThat(jdbc.queryForObject("select claimed_until from integrity_sealer", Object.class))
                .isEqualTo(claimedUntil);
    }

    /**
     * An event whose transaction commits after later events did, and after the sealer stopped waiting for it, is
     * still sealed into the tree (at its end) and verified: never skipped.
     */
    @Test
    void anEventCommittingPastTheGapTimeoutIsStillSealedAndVerified() throws Exception {
        CountDownLatch stored = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        GenericEventMessage<JournalsShownEvent> late = new GenericEventMessage<>(
                new JournalsShownEvent("late-commit-test", List.of()));
        CompletableFuture<Void> slowTransaction = CompletableFuture.runAsync(() -> new TransactionTemplate(
                transactionManager).executeWithoutResult(status -> {
                    eventStore.publish(late.andMetaData(ActorMetaData.of(new Actor("late-writer", Role.AUDITOR, null))));
                    stored.countDown();
                    try {
                        commit.await(2, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        assertThat(stored.await(30, TimeUnit.SECONDS)).isTrue();

        String journalId = journals.openNorthJournal();
        long journalEvent = globalIndexOf(journalId);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            sealer.seal(GAP_TIMEOUT, Duration.ZERO);
            return isSealed(journalEvent);
        });

        commit.countDown();
        slowTransaction.get(30, TimeUnit.SECONDS);
        long lateEvent = jdbc.queryForObject("select global_index from domain_event_entry where event_identifier = ?",
                Long.class, late.getIdentifier());
        assertThat(lateEvent).isLessThan(journalEvent);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            sealer.seal(GAP_TIMEOUT, Duration.ZERO);
            return isSealed(lateEvent);
        });

        assertThat(treeIndexOf(lateEvent)).isGreaterThan(treeIndexOf(journalEvent));
        try (Connection connection = dataSource.getConnection()) {
            VerificationReport report = StoreVerifier.verify(connection, List.of(sealer.publicKey()), List.of());
            assertThat(report.discrepancies()).isEmpty();
            assertThat(report.verifiedTreeSize()).isGreaterThan(treeIndexOf(lateEvent));
        }
    }

    private long globalIndexOf(String journalId) {
        return jdbc.queryForObject("select global_index from domain_event_entry where aggregate_identifier = ?",
                Long.class, journalId);
    }

    private boolean isSealed(long globalIndex) {
        return jdbc.queryForObject("select count(*) from merkle_leaf where global_index = ?", Integer.class,
                globalIndex) == 1;
    }

    private long treeIndexOf(long globalIndex) {
        return jdbc.queryForObject("select tree_index from merkle_leaf where global_index = ?", Long.class,
                globalIndex);
    }
}
