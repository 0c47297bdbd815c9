package org.peerjournal.app.integrity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * One journal's integrity, for an auditor: its chain recomputed from its stored events, and an RFC 6962 inclusion
 * proof of its last leaf in the latest signed checkpoint, which anyone holding the public key can check by hand.
 *
 * @param chainHead the chain hash after the journal's last event, as recomputed (base64)
 * @param chainVerifies whether every event matches its chain entry and every chain hash recomputes
 * @param lastLeaf the journal's last event as a tree leaf, or null while it is not sealed yet
 * @param checkpoint the latest signed checkpoint, or null before the first
 * @param inclusionProof the audit path of the last leaf in that checkpoint's tree (base64, bottom up), or null
 *     when the last leaf is not covered by it yet
 * @param verifies the chain verifies, the checkpoint's signature verifies, and the proof leads to its root
 */
public record JournalIntegrity(String journalId, long events, String chainHead, boolean chainVerifies,
        Leaf lastLeaf, CheckpointView checkpoint, List<String> inclusionProof, boolean verifies) {

    /** @param leafHash the leaf data (an event's leaf hash, base64) that the tree hashes as RFC 6962 leaf */
    public record Leaf(String eventIdentifier, long sequenceNumber, long treeIndex, String leafHash) {
    }

    public static JournalIntegrity of(Connection connection, String journalId, NoteVerifier key) throws SQLException {
        List<StoredEvent> events = events(connection, journalId);
        List<byte[]> entries = new ArrayList<>();
        boolean chainVerifies = true;
        byte[] head = Sha256.EMPTY_CHAIN;
        try (PreparedStatement select = connection.prepareStatement("select global_index, leaf_hash, chain_hash"
                + " from event_chain where chain_id = ? order by chain_seq")) {
            select.setString(1, journalId);
            try (ResultSet row = select.executeQuery()) {
                int i = 0;
                while (row.next()) {
                    StoredEvent event = i < events.size() ? events.get(i) : null;
                    chainVerifies &= event != null && event.globalIndex() == row.getLong(1)
                            && Arrays.equals(event.leafHash(), row.getBytes(2));
                    head = Sha256.chain(head, row.getBytes(2));
                    chainVerifies &= Arrays.equals(head, row.getBytes(3));
                    entries.add(row.getBytes(2));
                    i++;
                }
            }
        }
        chainVerifies &= entries.size() == events.size();
        if (events.isEmpty()) {
            return new JournalIntegrity(journalId, 0, null, false, null, null, null, false);
        }
        StoredEvent last = events.get(events.size() - 1);
        Leaf leaf = leaf(connection, last);
        CheckpointView checkpoint = CheckpointView.latest(connection).orElse(null);
        if (leaf == null || checkpoint == null || leaf.treeIndex() >= checkpoint.treeSize()) {
            return new JournalIntegrity(journalId, events.size(), base64(head), chainVerifies, leaf, checkpoint, null,
                    false);
        }
        List<byte[]> proof = MerkleTree.inclusionProof(Math.toIntExact(leaf.treeIndex()),
                treeLeaves(connection, checkpoint.treeSize()));
        boolean included = MerkleTree.verifyInclusion(last.leafHash(), leaf.treeIndex(), checkpoint.treeSize(), proof,
                Base64.getDecoder().decode(checkpoint.rootHash()));
        boolean signed = key.verifies(SignedNote.parse(checkpoint.signedNote()));
        return new JournalIntegrity(journalId, events.size(), base64(head), chainVerifies, leaf, checkpoint,
                proof.stream().map(JournalIntegrity::base64).toList(), chainVerifies && included && signed);
    }

    private static List<StoredEvent> events(Connection connection, String journalId) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select " + StoredEvent.COLUMNS
                + " from domain_event_entry where aggregate_identifier = ? order by sequence_number")) {
            select.setString(1, journalId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    events.add(StoredEvent.read(row));
                }
            }
        }
        return events;
    }

    private static Leaf leaf(Connection connection, StoredEvent event) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select tree_index from merkle_leaf where global_index = ?")) {
            select.setLong(1, event.globalIndex());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new Leaf(event.eventIdentifier(), event.sequenceNumber(), row.getLong(1),
                        base64(event.leafHash())) : null;
            }
        }
    }

    private static List<byte[]> treeLeaves(Connection connection, long size) throws SQLException {
        List<byte[]> leaves = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select leaf_hash from merkle_leaf where tree_index < ? order by tree_index")) {
            select.setLong(1, size);
            select.setFetchSize(10_000);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    leaves.add(row.getBytes(1));
                }
            }
        }
        return leaves;
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
