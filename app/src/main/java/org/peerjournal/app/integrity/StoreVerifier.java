package org.peerjournal.app.integrity;

import java.sql.Connection;
import java.sql.PreparedStatement;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Recomputes everything from the stored bytes with plain JDBC and trusts nothing the service wrote about them:
 * every event's leaf (against its chain entry), every chain, the Merkle tree and its root at every checkpoint's
 * size, and every checkpoint's signature under the trusted keys. Each table is read in streaming passes in
 * primary-key order, never a row at a time, the chain table once, beside the events; memory is 40 bytes per event
 * and a head per chain. The offline command on one connection (H2) reads the rows on a second thread while the first
 * hashes and checks them ({@link ReadAhead}). Given a second connection on the same
 * snapshot (the offline command on PostgreSQL), the passes run on two threads: the events in two halves of the global
 * index, then the chains (read once more) beside the tree.
 */
public final class StoreVerifier {

    private static final int FETCH_SIZE = 5_000;

    private final VerificationReport report = new VerificationReport();

    private StoreVerifier() {
    }

    /**
     * On one connection and one thread (the service's background audit): reading ahead on a second thread costs more
     * CPU in all, which a running service needs for its requests (docs/benchmarks.md, "Integrity", session 10).
     */
    public static VerificationReport verify(Connection connection, List<NoteVerifier> trustedKeys,
            List<SignedNote> trustedCheckpoints) throws SQLException {
        return verify(connection, null, false, trustedKeys, trustedCheckpoints);
    }

    /**
     * For the offline command, which has the machine to itself.
     *
     * @param second another connection on the same snapshot of the store, to read on two threads; null: one
     * connection, read ahead on a second thread ({@link ReadAhead})
     * @param trustedKeys the verifier keys checkpoints must be signed with; empty: the keys the store lists
     * @param trustedCheckpoints signed checkpoints from outside the store (a witness file, a saved checkpoint)
     */
    public static VerificationReport verify(Connection connection, Connection second, List<NoteVerifier> trustedKeys,
            List<SignedNote> trustedCheckpoints) throws SQLException {
        return verify(connection, second, second == null, trustedKeys, trustedCheckpoints);
    }

    private static VerificationReport verify(Connection connection, Connection second, boolean readAhead,
            List<NoteVerifier> trustedKeys, List<SignedNote> trustedCheckpoints) throws SQLException {
        StoreVerifier verifier = new StoreVerifier();
        ExecutorService background = second == null ? null : Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "verify-second-pass");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<EventPass> halves;
            // On one thread the chains are checked in the same read of the chain table as the events; on two,
            // the halves of that read each see only part of a chain, so the second thread reads it once more.
            ChainCheck chains = new ChainCheck();
            if (second == null) {
                halves = List.of(EventPass.run(connection, Long.MIN_VALUE, Long.MAX_VALUE, chains, readAhead));
            } else {
                long middle = middleGlobalIndex(connection);
                halves = both(background, () -> EventPass.run(connection, Long.MIN_VALUE, middle, null, false),
                        () -> EventPass.run(second, middle, Long.MAX_VALUE, null, false));
            }
            Leaves leaves = new Leaves(halves);
            List<NoteVerifier> keys = trustedKeys.isEmpty() ? verifier.storedKeys(connection) : trustedKeys;
            List<SignedNote> stored = verifier.storedCheckpoints(connection);
            List<VerificationReport> found = both(background,
                    () -> second == null ? chains.finish() : checkChains(second),
                    () -> {
                        StoreVerifier tree = new StoreVerifier();
                        tree.checkTreeAndCheckpoints(connection, readAhead, leaves, keys, stored, trustedCheckpoints);
                        return tree.report;
                    });
            // Lines in the order the passes have always printed them: events, chains, keys, tree and checkpoints.
            VerificationReport report = new VerificationReport();
            for (EventPass half : halves) {
                report.add(half.report);
            }
            report.add(found.get(0));
            report.add(verifier.report);
            report.add(found.get(1));
            return report;
        } finally {
            if (background != null) {
                background.shutdownNow();
            }
        }
    }

    /** A pass over the store that may run on the second thread. */
    private interface Pass<T> {
        T run() throws SQLException;
    }

    /** Runs both passes, the second on the background thread when there is one; answers both results in order. */
    private static <T> List<T> both(ExecutorService background, Pass<T> first, Pass<T> second) throws SQLException {
        if (background == null) {
            T one = first.run();
            return List.of(one, second.run());
        }
        Future<T> other = background.submit(second::run);
        T one = first.run();
        try {
            return List.of(one, other.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("verification interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Where to split the events in two halves of about equal size (global indexes are nearly dense). */
    private static long middleGlobalIndex(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet range = statement.executeQuery("select min(global_index), max(global_index) from"
                        + " domain_event_entry union all select min(global_index), max(global_index) from event_chain")) {
            long low = Long.MAX_VALUE;
            long high = Long.MIN_VALUE;
            while (range.next()) {
                if (range.getObject(1) != null) {
                    low = Math.min(low, range.getLong(1));
                    high = Math.max(high, range.getLong(2));
                }
            }
            return low > high ? 0 : low + (high - low) / 2 + 1;
        }
    }

    /**
     * Pass 1 over the global indexes {@code [from, to)}: each event against its chain entry, both read in
     * global-index order; remembers each event's recomputed leaf hash for the tree, and feeds each chain entry to
     * the chain check when given one.
     */
    private static final class EventPass {

        private final VerificationReport report = new VerificationReport();
        /** Global indexes of the stored events, ascending, and their recomputed leaf hashes (32 bytes each). */
        private long[] globalIndexes = new long[1024];
        private byte[] leaves = new byte[1024 * Sha256.LENGTH];
        private int eventCount;
        /** Global indexes already reported missing or changed, so the tree pass does not report them twice. */
        private final Set<Long> reportedMissing = new HashSet<>();
        private final Set<Long> reportedChanged = new HashSet<>();

        private final ChainCheck chains;

        private EventPass(ChainCheck chains) {
            this.chains = chains;
        }

        /** @param readAhead read the rows on another thread while this one checks them */
        static EventPass run(Connection connection, long from, long to, ChainCheck chains, boolean readAhead)
                throws SQLException {
            EventPass pass = new EventPass(chains);
            try (PreparedStatement events = streaming(connection, "select " + StoredEvent.COLUMNS
                            + " from domain_event_entry where global_index >= ? and global_index < ? order by"
                            + " global_index", from, to);
                    PreparedStatement chain = streaming(connection, "select global_index, chain_id, chain_seq,"
                            + " event_identifier, payload_hash, meta_data_hash, leaf_hash, chain_hash from event_chain"
                            + " where global_index >= ? and global_index < ? order by global_index", from, to);
                    ResultSet event = events.executeQuery();
                    ResultSet entry = chain.executeQuery()) {
                if (readAhead) {
                    ReadAhead.run(rows -> merge(event, entry, rows), pass::check);
                } else {
                    merge(event, entry, pass::check);
                }
            }
            return pass;
        }

        /** An event and its chain entry, read at the same global index; either is null when the other has none. */
        private record Row(EventRow event, ChainEntry entry) {
        }

        /** Pairs the events with the chain entries by global index, both read in that order. */
        private static void merge(ResultSet event, ResultSet entry, Consumer<Row> rows) throws SQLException {
            boolean hasEvent = event.next();
            boolean hasEntry = entry.next();
            while (hasEvent || hasEntry) {
                long eventIndex = hasEvent ? event.getLong(1) : Long.MAX_VALUE;
                long entryIndex = hasEntry ? entry.getLong(1) : Long.MAX_VALUE;
                rows.accept(new Row(eventIndex <= entryIndex ? EventRow.read(event) : null,
                        entryIndex <= eventIndex ? ChainEntry.read(entry) : null));
                if (eventIndex <= entryIndex) {
                    hasEvent = event.next();
                }
                if (entryIndex <= eventIndex) {
                    hasEntry = entry.next();
                }
            }
        }

        private void check(Row row) {
            if (row.event != null && row.entry != null) {
                StoredEvent stored = row.event.hashed();
                byte[] leaf = stored.leafHash();
                compare(stored, leaf, chained(row.entry));
                remember(stored.globalIndex(), leaf);
            } else if (row.event != null) {
                StoredEvent stored = row.event.hashed();
                report.discrepancy(describe(stored) + ": stored without a chain entry (inserted outside the"
                        + " application)");
                reportedChanged.add(stored.globalIndex());
                remember(stored.globalIndex(), stored.leafHash());
            } else {
                ChainEntry missing = chained(row.entry);
                report.discrepancy(missing.describe() + ": event missing (global index "
                        + missing.globalIndex() + ")");
                reportedMissing.add(missing.globalIndex());
            }
        }

        private ChainEntry chained(ChainEntry entry) {
            if (chains != null) {
                chains.add(entry.chainId(), entry.chainSeq(), entry.eventIdentifier(), entry.leafHash(),
                        entry.chainHash());
            }
            return entry;
        }

        private void compare(StoredEvent stored, byte[] leaf, ChainEntry entry) {
            String change = change(stored, leaf, entry);
            if (change != null) {
                // Described only here: a line built for every intact event would cost more than hashing it.
                report.discrepancy(entry.describe() + ": " + change);
                reportedChanged.add(stored.globalIndex());
            }
        }

        /** What differs between the event as stored and its chain entry; null when nothing does. */
        private static String change(StoredEvent stored, byte[] leaf, ChainEntry entry) {
            if (!stored.eventIdentifier().equals(entry.eventIdentifier())) {
                return "replaced by event " + stored.eventIdentifier();
            } else if (!Arrays.equals(stored.payloadHash(), entry.payloadHash())) {
                return "payload changed";
            } else if (!Arrays.equals(stored.metaDataHash(), entry.metaDataHash())) {
                return "metadata (actor, role, team) changed";
            } else if (!Arrays.equals(leaf, entry.leafHash())) {
                return "stored fields (identifiers, time stamp, payload type) changed";
            } else if (stored.fromAggregate() && (!entry.chainId().equals(stored.aggregateIdentifier())
                    || entry.chainSeq() != stored.sequenceNumber())) {
                return "stored as journal " + stored.aggregateIdentifier() + " sequence " + stored.sequenceNumber();
            }
            return null;
        }

        private void remember(long globalIndex, byte[] leaf) {
            if (eventCount == globalIndexes.length) {
                globalIndexes = Arrays.copyOf(globalIndexes, eventCount * 2);
                leaves = Arrays.copyOf(leaves, eventCount * 2 * Sha256.LENGTH);
            }
            globalIndexes[eventCount] = globalIndex;
            System.arraycopy(leaf, 0, leaves, eventCount * Sha256.LENGTH, Sha256.LENGTH);
            eventCount++;
        }

        private static String describe(StoredEvent event) {
            return event.fromAggregate()
                    ? ChainEntry.describe(event.aggregateIdentifier(), event.sequenceNumber(), event.eventIdentifier())
                    : "event " + event.eventIdentifier() + " (" + event.payloadType() + ", global index "
                            + event.globalIndex() + ")";
        }
    }

    /** The recomputed leaves of both halves of pass 1, in global-index order, for the tree pass. */
    private static final class Leaves {

        private final long[] globalIndexes;
        private final byte[] hashes;
        private final Set<Long> reportedMissing = new HashSet<>();
        private final Set<Long> reportedChanged = new HashSet<>();

        Leaves(List<EventPass> halves) {
            int count = halves.stream().mapToInt(half -> half.eventCount).sum();
            globalIndexes = new long[count];
            hashes = new byte[count * Sha256.LENGTH];
            int at = 0;
            for (EventPass half : halves) {
                System.arraycopy(half.globalIndexes, 0, globalIndexes, at, half.eventCount);
                System.arraycopy(half.leaves, 0, hashes, at * Sha256.LENGTH, half.eventCount * Sha256.LENGTH);
                at += half.eventCount;
                reportedMissing.addAll(half.reportedMissing);
                reportedChanged.addAll(half.reportedChanged);
            }
        }

        int count() {
            return globalIndexes.length;
        }

        /** The position of the event with this global index, negative when there is none. */
        int find(long globalIndex) {
            return Arrays.binarySearch(globalIndexes, globalIndex);
        }

        byte[] leaf(int event) {
            return Arrays.copyOfRange(hashes, event * Sha256.LENGTH, (event + 1) * Sha256.LENGTH);
        }
    }

    /** Pass 2 on its own read of the chain table (when pass 1 ran in two halves): see {@link ChainCheck}. */
    private static VerificationReport checkChains(Connection connection) throws SQLException {
        ChainCheck chains = new ChainCheck();
        try (Statement statement = streaming(connection);
                ResultSet entry = statement.executeQuery("select chain_id, chain_seq, event_identifier, leaf_hash,"
                        + " chain_hash from event_chain order by global_index")) {
            while (entry.next()) {
                chains.add(entry.getString(1), entry.getLong(2), entry.getString(3), entry.getBytes(4),
                        entry.getBytes(5));
            }
        }
        return chains.finish();
    }

    private List<NoteVerifier> storedKeys(Connection connection) throws SQLException {
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

    /**
     * Pass 3: the tree in sealing order from the recomputed leaves, its root at every checkpoint's size; with
     * {@code readAhead}, the tree's rows are read on another thread while this one hashes the tree.
     */
    private void checkTreeAndCheckpoints(Connection connection, boolean readAhead, Leaves leaves,
            List<NoteVerifier> keys, List<SignedNote> stored, List<SignedNote> trusted) throws SQLException {
        Map<Long, List<Claim>> claims = new TreeMap<>();
        stored.forEach(note -> claim(claims, note, "checkpoint in the database", keys));
        trusted.forEach(note -> claim(claims, note, "trusted checkpoint", keys));

        MerkleTree tree = new MerkleTree();
        Map<Long, byte[]> roots = new HashMap<>();
        BitSet sealed = new BitSet(leaves.count());
        try (Statement statement = streaming(connection);
                ResultSet leaf = statement.executeQuery("select tree_index, global_index, leaf_hash from merkle_leaf"
                        + " order by tree_index")) {
            ReadAhead.Source<SealedLeaf> rows = sink -> {
                while (leaf.next()) {
                    sink.accept(new SealedLeaf(leaf.getLong(1), leaf.getLong(2), leaf.getBytes(3)));
                }
            };
            Consumer<SealedLeaf> check = sealedLeaf -> {
                append(sealedLeaf, leaves, tree, sealed);
                if (claims.containsKey(tree.size())) {
                    roots.put(tree.size(), tree.root());
                }
            };
            if (readAhead) {
                ReadAhead.run(rows, check);
            } else {
                rows.readAll(check);
            }
        }
        if (claims.containsKey(0L)) {
            roots.put(0L, new MerkleTree().root());
        }
        report.counted(leaves.count(), tree.size());
        claims.forEach((size, atSize) -> atSize.forEach(claim -> checkClaim(claim, roots.get(size), tree.size())));
        coverage(trusted.isEmpty() ? stored : trusted, leaves.count(), sealed);
    }

    /** A row of {@code merkle_leaf}: a tree position and the leaf the sealer put there. */
    private record SealedLeaf(long position, long globalIndex, byte[] leafHash) {
    }

    /** Appends the event's recomputed leaf at its tree position (the stored one when the event is gone). */
    private void append(SealedLeaf leaf, Leaves leaves, MerkleTree tree, BitSet sealed) {
        if (leaf.position != tree.size()) {
            report.discrepancy("tree positions " + tree.size() + ".." + (leaf.position - 1)
                    + " missing (removed from the tree)");
        }
        int event = leaves.find(leaf.globalIndex);
        if (event < 0) {
            if (!leaves.reportedMissing.contains(leaf.globalIndex)) {
                report.discrepancy("tree position " + leaf.position + ": event missing (global index "
                        + leaf.globalIndex + ")");
            }
            tree.append(leaf.leafHash);
        } else {
            byte[] recomputed = leaves.leaf(event);
            if (!Arrays.equals(recomputed, leaf.leafHash) && !leaves.reportedChanged.contains(leaf.globalIndex)) {
                report.discrepancy("tree position " + leaf.position + " (global index " + leaf.globalIndex
                        + "): the event differs from the one sealed");
            }
            sealed.set(event);
            tree.append(recomputed);
        }
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

    private void coverage(List<SignedNote> checkpoints, int eventCount, BitSet sealed) {
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

    private List<SignedNote> storedCheckpoints(Connection connection) throws SQLException {
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

    private static Statement streaming(Connection connection) throws SQLException {
        Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(FETCH_SIZE);
        return statement;
    }

    private static PreparedStatement streaming(Connection connection, String sql, long from, long to)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(FETCH_SIZE);
        statement.setLong(1, from);
        statement.setLong(2, to);
        return statement;
    }

    private record Claim(String source, Checkpoint checkpoint, boolean signed) {
    }

    /** A row of the chain table, and how its position is named in a report line. */
    record ChainEntry(long globalIndex, String chainId, long chainSeq, String eventIdentifier, byte[] payloadHash,
            byte[] metaDataHash, byte[] leafHash, byte[] chainHash) {

        static ChainEntry read(ResultSet row) throws SQLException {
            return new ChainEntry(row.getLong(1), row.getString(2), row.getLong(3), row.getString(4),
                    row.getBytes(5), row.getBytes(6), row.getBytes(7), row.getBytes(8));
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
