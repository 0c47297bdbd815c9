package org.peerjournal.app.integrity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last committed chain entry of the journals appended to most recently, so that a journal's next append chains
 * onto it without reading it back. A committed entry never changes (the store refuses updates), so a remembered
 * {@code (journal, sequence)} is that entry's hash for good; an append whose previous entry is not remembered (first
 * append since start, a journal appended to on another node, one forgotten for space) reads it as before.
 *
 * <p>Only entries of committed transactions are remembered: one that rolled back may see its sequence number taken by
 * another event.
 */
final class CommittedJournalHeads {

    /** Heads kept (about 200 bytes each): a node appends to far fewer journals than this between two of its appends. */
    static final int CAPACITY = 10_000;

    private final Map<String, ChainHead> heads = new LinkedHashMap<>(1_024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ChainHead> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The hash of the journal's entry at this sequence number, if it is the last one remembered. */
    synchronized Optional<byte[]> hashAt(String journalId, long sequence) {
        ChainHead head = heads.get(journalId);
        return head != null && head.seq() == sequence ? Optional.of(head.hash()) : Optional.empty();
    }

    /** Called once the transaction that wrote these heads has committed. */
    synchronized void committed(Iterable<ChainHead> journalHeads) {
        for (ChainHead head : journalHeads) {
            heads.merge(head.chainId(), head, (known, next) -> next.seq() > known.seq() ? next : known);
        }
    }

    /** A chain's last entry: its position and hash. */
    record ChainHead(String chainId, long seq, byte[] hash) {
    }
}
