package org.peerjournal.app.integrity;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The chain check is fed the chain table in global-index order, which is not always each chain's own order. */
class ChainCheckTest {

    private static final String READER = EventChainer.ACTOR_CHAIN + "clara";

    @Test
    void aChainWhoseEntriesCameInAnotherOrderThanTheirGlobalIndexesVerifies() {
        List<Entry> chain = chain(READER, 5);
        ChainCheck check = new ChainCheck();
        // Two reads of one user: the later global index locked the chain's head first.
        for (int i : new int[] {0, 2, 1, 4, 3}) {
            chain.get(i).feed(check);
        }

        assertThat(check.finish().discrepancies()).isEmpty();
    }

    @Test
    void aHoleIsReportedOnceAndTheChainGoesOnAfterIt() {
        List<Entry> chain = chain("journal-1", 5);
        ChainCheck check = new ChainCheck();
        chain.get(0).feed(check);
        chain.get(3).feed(check);
        chain.get(4).feed(check);

        assertThat(check.finish().discrepancies())
                .containsExactly("journal journal-1: sequence 1..2 missing from the chain");
    }

    @Test
    void aRewrittenHeadIsReported() {
        List<Entry> chain = chain("journal-1", 3);
        ChainCheck check = new ChainCheck();
        chain.get(0).feed(check);
        new Entry("journal-1", 1, "event-1", chain.get(1).leaf, new byte[Sha256.LENGTH]).feed(check);
        chain.get(2).feed(check);

        // The next entry then no longer follows from the stored head either: both are named.
        assertThat(check.finish().discrepancies()).containsExactly(
                "journal journal-1 sequence 1 event event-1: chain hash differs from the one recomputed (the chain"
                        + " was rewritten)",
                "journal journal-1 sequence 2 event event-2: chain hash differs from the one recomputed (the chain"
                        + " was rewritten)");
    }

    private static List<Entry> chain(String chainId, int length) {
        List<Entry> entries = new ArrayList<>();
        byte[] head = Sha256.EMPTY_CHAIN;
        for (int seq = 0; seq < length; seq++) {
            byte[] leaf = Sha256.of(("leaf " + seq).getBytes(StandardCharsets.UTF_8));
            head = Sha256.chain(head, leaf);
            entries.add(new Entry(chainId, seq, "event-" + seq, leaf, head));
        }
        return entries;
    }

    private record Entry(String chainId, long seq, String eventId, byte[] leaf, byte[] head) {

        void feed(ChainCheck check) {
            check.add(chainId, seq, eventId, leaf, head);
        }
    }
}
