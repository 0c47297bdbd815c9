package org.peerjournal.app.integrity;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every chain from its first entry, without holes, each head recomputed from the one before, fed the chain table
 * in global-index order: the order the verifier reads it in anyway beside the events, so the table is read once.
 * A chain's entries nearly always come in chain order; one that comes early (two transactions of one actor took
 * their global indexes in one order and locked the chain's head in the other) waits until the entries before it
 * have come. Whatever still waits at the end follows a hole. Memory: one head per chain, plus the entries waiting.
 */
final class ChainCheck {

    private final Map<String, Chain> chains = new HashMap<>();
    private final VerificationReport report = new VerificationReport();

    /** One row of {@code event_chain}: its position, the event it names, its stored leaf and chain hashes. */
    void add(String chainId, long seq, String eventIdentifier, byte[] leaf, byte[] storedHead) {
        Chain chain = chains.computeIfAbsent(chainId, id -> new Chain());
        Entry entry = new Entry(seq, eventIdentifier, leaf, storedHead);
        if (seq < chain.expected) {
            report.discrepancy(StoreVerifier.ChainEntry.describe(chainId, seq, eventIdentifier)
                    + ": a second chain entry at this position");
        } else if (seq > chain.expected) {
            chain.early.put(seq, entry);
        } else {
            chain.step(chainId, entry, report);
            for (Entry next = chain.early.remove(chain.expected); next != null;
                    next = chain.early.remove(chain.expected)) {
                chain.step(chainId, next, report);
            }
        }
    }

    /** What was found: the lines found on the way, then each hole (chains in name order). */
    VerificationReport finish() {
        new TreeMap<>(chains).forEach((chainId, chain) -> {
            while (!chain.early.isEmpty()) {
                chain.step(chainId, chain.early.pollFirstEntry().getValue(), report);
            }
        });
        return report;
    }

    private record Entry(long seq, String eventIdentifier, byte[] leaf, byte[] storedHead) {
    }

    private static final class Chain {

        private long expected;
        private byte[] head = Sha256.EMPTY_CHAIN;
        private final TreeMap<Long, Entry> early = new TreeMap<>();

        /** Takes the next entry present; after a hole it goes on from the entry's stored head. */
        void step(String chainId, Entry entry, VerificationReport report) {
            if (entry.seq != expected) {
                report.discrepancy(StoreVerifier.ChainEntry.journalOf(chainId) + ": "
                        + StoreVerifier.ChainEntry.kindOf(chainId) + " " + expected + ".." + (entry.seq - 1)
                        + " missing from the chain");
                head = entry.storedHead;
            } else {
                head = Sha256.chain(head, entry.leaf);
                if (!Arrays.equals(head, entry.storedHead)) {
                    report.discrepancy(StoreVerifier.ChainEntry.describe(chainId, entry.seq, entry.eventIdentifier)
                            + ": chain hash differs from the one recomputed (the chain was rewritten)");
                    head = entry.storedHead;
                }
            }
            expected = entry.seq + 1;
        }
    }
}
