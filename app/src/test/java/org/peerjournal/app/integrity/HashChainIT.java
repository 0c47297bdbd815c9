package org.peerjournal.app.integrity;

import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every stored event gets its chain entry in its own transaction, and the sealer signs what the verifier checks. */
class HashChainIT extends ApiIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    Sealer sealer;

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
        byte[] head = Sha256.EMPTY_CHAIN;
        for (Map<String, Object> row : chain) {
            head = Sha256.chain(head, (byte[]) row.get("leaf_hash"));
            assertThat((byte[]) row.get("chain_hash")).isEqualTo(head);
        }
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
}
