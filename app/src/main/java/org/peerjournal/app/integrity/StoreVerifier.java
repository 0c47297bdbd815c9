package org.peerjournal.app.integrity;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Recomputes everything from the stored bytes with plain JDBC and trusts nothing the service wrote about them:
 * every event's leaf (against its chain entry), every chain, the Merkle tree and its root at every checkpoint's
 * size, and every checkpoint's signature under the trusted keys. Memory is 40 bytes per event.
 */
public final class StoreVerifier {

    private static final int FETCH_SIZE = 5_000;

    private final Connection connection;
    private final VerificationReport report = new VerificationReport();
    /** Global indexes of the stored events, ascending, and their recomputed leaf hashes (32 bytes each). */
    private long[] globalIndexes = new long[1024];
    private byte[] leaves = new byte[1024 * Sha256.LENGTH];
    private int eventCount;
    /** Global indexes already reported missing, so the tree pass does not report them twice. */
    private final Set<Long> reportedMissing = new HashSet<>();
    private final Set<Long> reportedChanged = new HashSet<>();

    private StoreVerifier(Connection connection) {
        this.connection = connection;
    }

    /**
     * @param trustedKeys the verifier keys checkpoints must be signed with; empty: the keys the store lists
     * @param trustedCheckpoints signed checkpoints from outside the store (a witness file, a saved checkpoint)
     */
    public static VerificationReport verify(Connection connection, List<NoteVerifier> trustedKeys,
            List<SignedNote> trustedCheckpoints) throws SQLException {
        StoreVerifier verifier = new StoreVerifier(connection);
        verifier.checkEvents();
        verifier.checkChains();
        List<NoteVerifier> keys = trustedKeys.isEmpty() ? verifier.storedKeys() : trustedKeys;
        verifier.checkTreeAndCheckpoints(keys, trustedCheckpoints);
        return verifier.report;
    }

    /** Pass 1: each event against its chain entry, both read in global-index order. */
    private void checkEvents() throws SQLException {
        try (Statement events = streaming(); Statement chain = streaming();
                ResultSet event = events.executeQuery("select " + StoredEvent.COLUMNS
                        + " from domain_event_entry order by global_index");
                ResultSet entry = chain.executeQuery("select global_index, chain_id, chain_seq, event_identifier,"
                        + " payload_hash, meta_data_hash, leaf_hash from event_chain order by global_index")) {
            boolean hasEvent = event.next();
            boolean hasEntry = entry.next();
            while (hasEvent || hasEntry) {
                long eventIndex = hasEvent ? event.getLong(1) : Long.MAX_VALUE;
                long entryIndex = hasEntry ? entry.getLong(1) : Long.MAX_VALUE;
                if (eventIndex == entryIndex) {
                    StoredEvent stored = StoredEvent.read(event);
                    compare(stored, ChainEntry.read(entry));
                    remember(stored);
                    hasEvent = event.next();
                    hasEntry = entry.next();
                } else if (eventIndex < entryIndex) {
                    StoredEvent stored = StoredEvent.read(event);
                    report.discrepancy(describe(stored) + ": stored without a chain entry (inserted outside the"
                            + " application)");
                    reportedChanged.add(stored.globalIndex());
                    remember(stored);
                    hasEvent = event.next();
                } else {
                    ChainEntry missing = ChainEntry.read(entry);
                    report.discrepancy(missing.describe() + ": event missing (global index "
                            + missing.globalIndex() + ")");
                    reportedMissing.add(missing.globalIndex());
                    hasEntry = entry.next();
                }
            }
        }
    }

    private void compare(StoredEvent stored, ChainEntry entry) {
        String where = entry.describe();
        boolean changed = true;
        if (!stored.eventIdentifier().equals(entry.eventIdentifier())) {
            report.discrepancy(where + ": replaced by event " + stored.eventIdentifier());
        } else if (!Arrays.equals(stored.payloadHash(), entry.payloadHash())) {
            report.discrepancy(where + ": payload changed");
        } else if (!Arrays.equals(stored.metaDataHash(), entry.metaDataHash())) {
            report.discrepancy(where + ": metadata (actor, role, team) changed");
        } else if (!Arrays.equals(stored.leafHash(), entry.leafHash())) {
            report.discrepancy(where + ": stored fields (identifiers, time stamp, payload type) changed");
        } else if (stored.fromAggregate() && (!entry.chainId().equals(stored.aggregateIdentifier())
                || entry.chainSeq() != stored.sequenceNumber())) {
            report.discrepancy(where + ": stored as journal " + stored.aggregateIdentifier() + " sequence "
                    + stored.sequenceNumber());
        } else {
            changed = false;
        }
        if (changed) {
            reportedChanged.add(stored.globalIndex());
        }
    }

    private void remember(StoredEvent stored) {
        if (eventCount == globalIndexes.length) {
            globalIndexes = Arrays.copyOf(globalIndexes, eventCount * 2);
            leaves = Arrays.copyOf(leaves, eventCount * 2 * Sha256.LENGTH);
        }
        globalIndexes[eventCount] = stored.globalIndex();
        System.arraycopy(stored.leafHash(), 0, leaves, eventCount * Sha256.LENGTH, Sha256.LENGTH);
        eventCount++;
    }

    /** Pass 2: every chain from its first entry, without holes, each head recomputed from the one before. */
    private void checkChains() throws SQLException {
        try (Statement statement = streaming();
                ResultSet entry = statement.executeQuery("select chain_id, chain_seq, event_identifier, leaf_hash,"
                        + " chain_hash from event_chain order by chain_id, chain_seq")) {
            String chain = null;
            long expected = 0;
            byte[] head = Sha256.EMPTY_CHAIN;
            while (entry.next()) {
                String chainId = entry.getString(1);
                long seq = entry.getLong(2);
                if (!chainId.equals(chain)) {
                    chain = chainId;
                    expected = 0;
                    head = Sha256.EMPTY_CHAIN;
                }
                byte[] storedHead = entry.getBytes(5);
                if (seq != expected) {
                    report.discrepancy(ChainEntry.journalOf(chainId) + ": " + ChainEntry.kindOf(chainId) + " "
                            + expected + ".." + (seq - 1) + " missing from the chain");
                    head = storedHead;
                } else {
                    head = Sha256.chain(head, entry.getBytes(4));
                    if (!Arrays.equals(head, storedHead)) {
                        report.discrepancy(ChainEntry.describe(chainId, seq, entry.getString(3))
                                + ": chain hash differs from the one recomputed (the chain was rewritten)");
                        head = storedHead;
                    }
                }
                expected = seq + 1;
            }
        }
    }

    private List<NoteVerifier> storedKeys() throws SQLException {
        List<NoteVerifier> keys = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet key = statement.executeQuery("select verifier_key from signing_public_key")) {
            while (key.next()) {
                try {
                    keys.add(NoteVerifier.parse(key.getString(1)));
                } catch (java.security.GeneralSecurityException e) {
                    report.discrepancy("signing key stored in the database is not valid: " + key.getString(1));
                }
            }
        }
        report.note("No --public-key given: trusting the " + keys.size()
                + " public key(s) stored in the database itself; give the published key to rule out a rewrite");
        return keys;
    }

    /** Pass 3: the tree in sealing order from the recomputed leaves, its root at every checkpoint's size. */
    private void checkTreeAndCheckpoints(List<NoteVerifier> keys, List<SignedNote> trusted) throws SQLException {
        List<SignedNote> stored = storedCheckpoints();
        Map<Long, List<Claim>> claims = new TreeMap<>();
        stored.forEach(note -> claim(claims, note, "checkpoint in the database", keys));
        trusted.forEach(note -> claim(claims, note, "trusted checkpoint", keys));

        MerkleTree tree = new MerkleTree();
        Map<Long, byte[]> roots = new HashMap<>();
        BitSet sealed = new BitSet(eventCount);
        try (Statement statement = streaming();
                ResultSet leaf = statement.executeQuery("select tree_index, global_index, leaf_hash from merkle_leaf"
                        + " order by tree_index")) {
            while (leaf.next()) {
                long position = leaf.getLong(1);
                if (position != tree.size()) {
                    report.discrepancy("tree positions " + tree.size() + ".." + (position - 1)
                            + " missing (removed from the tree)");
                }
                long globalIndex = leaf.getLong(2);
                int event = Arrays.binarySearch(globalIndexes, 0, eventCount, globalIndex);
                byte[] storedLeaf = leaf.getBytes(3);
                if (event < 0) {
                    if (!reportedMissing.contains(globalIndex)) {
                        report.discrepancy("tree position " + position + ": event missing (global index "
                                + globalIndex + ")");
                    }
                    tree.append(storedLeaf);
                } else {
                    byte[] recomputed = Arrays.copyOfRange(leaves, event * Sha256.LENGTH,
                            (event + 1) * Sha256.LENGTH);
                    if (!Arrays.equals(recomputed, storedLeaf) && !reportedChanged.contains(globalIndex)) {
                        report.discrepancy("tree position " + position + " (global index " + globalIndex
                                + "): the event differs from the one sealed");
                    }
                    sealed.set(event);
                    tree.append(recomputed);
                }
                if (claims.containsKey(tree.size())) {
                    roots.put(tree.size(), tree.root());
                }
            }
        }
        if (claims.containsKey(0L)) {
            roots.put(0L, new MerkleTree().root());
        }
        report.counted(eventCount, tree.size());
        claims.forEach((size, atSize) -> atSize.forEach(claim -> checkClaim(claim, roots.get(size), tree.size())));
        coverage(trusted.isEmpty() ? stored : trusted, keys, sealed);
    }

    private void claim(Map<Long, List<Claim>> claims, SignedNote note, String source, List<NoteVerifier> keys) {
        Checkpoint checkpoint;
        try {
            checkpoint = note.checkpoint();
        } catch (IllegalArgumentException e) {
            report.discrepancy(source + " is not a checkpoint: " + e.getMessage());
            return;
        }
        boolean signed = keys.stream().anyMatch(key -> key.verifies(note));
        claims.computeIfAbsent(checkpoint.treeSize(), size -> new ArrayList<>())
                .add(new Claim(source, checkpoint, signed));
    }

    private void checkClaim(Claim claim, byte[] root, long treeSize) {
        String what = claim.source + " of tree size " + claim.checkpoint.treeSize();
        if (!claim.signed) {
            report.discrepancy(what + ": not signed by a trusted key (forged, or the store was rewritten with"
                    + " another key)");
            return;
        }
        if (root == null) {
            report.discrepancy(what + ": the store's tree has only " + treeSize + " leaves; positions " + treeSize
                    + ".." + (claim.checkpoint.treeSize() - 1) + " missing");
        } else if (!Arrays.equals(root, claim.checkpoint.rootHash())) {
            report.discrepancy(what + ": the store's root at that size differs (events changed, removed or"
                    + " inserted before position " + claim.checkpoint.treeSize() + ")");
        } else {
            report.verifiedUpTo(claim.checkpoint.treeSize());
        }
    }

    private void coverage(List<SignedNote> checkpoints, List<NoteVerifier> keys, BitSet sealed) {
        if (checkpoints.isEmpty() && eventCount > 0) {
            report.note("No checkpoint to verify against: the chains were checked, the tree is not signed yet");
        }
        long unsealed = eventCount - sealed.cardinality();
        long uncovered = report.treeSize() - report.verifiedTreeSize();
        if (unsealed > 0 || uncovered > 0) {
            report.note(unsealed + " event(s) not yet sealed into the tree and " + Math.max(0, uncovered)
                    + " tree leaf(s) beyond the latest verified checkpoint: their chains were checked, no signature"
                    + " covers them yet");
        }
    }

    private List<SignedNote> storedCheckpoints() throws SQLException {
        List<SignedNote> notes = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet note = statement.executeQuery("select tree_size, signed_note from checkpoint"
                        + " order by tree_size")) {
            while (note.next()) {
                try {
                    notes.add(SignedNote.parse(note.getString(2)));
                } catch (IllegalArgumentException e) {
                    report.discrepancy("checkpoint in the database of tree size " + note.getLong(1)
                            + " is not a signed note: " + e.getMessage());
                }
            }
        }
        return notes;
    }

    private Statement streaming() throws SQLException {
        Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(FETCH_SIZE);
        return statement;
    }

    private static String describe(StoredEvent event) {
        return event.fromAggregate()
                ? ChainEntry.describe(event.aggregateIdentifier(), event.sequenceNumber(), event.eventIdentifier())
                : "event " + event.eventIdentifier() + " (" + event.payloadType() + ", global index "
                        + event.globalIndex() + ")";
    }

    private record Claim(String source, Checkpoint checkpoint, boolean signed) {
    }

    /** A row of the chain table, and how its position is named in a report line. */
    record ChainEntry(long globalIndex, String chainId, long chainSeq, String eventIdentifier, byte[] payloadHash,
            byte[] metaDataHash, byte[] leafHash) {

        static ChainEntry read(ResultSet row) throws SQLException {
            return new ChainEntry(row.getLong(1), row.getString(2), row.getLong(3), row.getString(4),
                    row.getBytes(5), row.getBytes(6), row.getBytes(7));
        }

        String describe() {
            return describe(chainId, chainSeq, eventIdentifier);
        }

        static String describe(String chainId, long seq, String eventIdentifier) {
            return journalOf(chainId) + " " + kindOf(chainId) + " " + seq + " event " + eventIdentifier;
        }

        static String journalOf(String chainId) {
            if (chainId.startsWith(EventChainer.ACTOR_CHAIN)) {
                return "actor " + chainId.substring(EventChainer.ACTOR_CHAIN.length());
            }
            return chainId.startsWith(EventChainer.TYPE_CHAIN)
                    ? "events of type " + chainId.substring(EventChainer.TYPE_CHAIN.length())
                    : "journal " + chainId;
        }

        static String kindOf(String chainId) {
            return chainId.startsWith(EventChainer.ACTOR_CHAIN) || chainId.startsWith(EventChainer.TYPE_CHAIN)
                    ? "entry" : "sequence";
        }
    }
}
