package org.peerjournal.app.integrity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Extends the global Merkle tree with the chained events, and signs checkpoints of it. One node at a time seals:
 * it holds the claim row of {@code integrity_sealer} (taken over only once its holder let it expire), and the
 * tree's unique positions make a second sealer's insert fail rather than fork the tree.
 *
 * <p>Events are taken in global-index order, never past a global index that is not committed yet and younger
 * than the gap timeout (a transaction may still fill it). Past the timeout the sealer moves on and keeps watching
 * that index: an event committing late is sealed at the end of the tree, never skipped.
 */
public class Sealer implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(Sealer.class);
    private static final int BATCH = 10_000;
    private static final int GAPS_PER_QUERY = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final SigningKey key;
    private final IntegrityProperties properties;
    private final CheckpointPublisher publisher;
    private final Clock clock;
    private final OneSigningKey oneSigningKey;
    private final String owner = "sealer-" + UUID.randomUUID();

    private MerkleTree tree = new MerkleTree();
    /** Global indexes sealed so far (a gap is a clear bit at or below {@link #watermark}). */
    private BitSet sealed = new BitSet();
    /** Every global index at or below this is sealed or was waited for past the gap timeout. */
    private long watermark;
    /** Global indexes passed over after the gap timeout, still watched for a late commit. */
    private final List<Long> lateGaps = new ArrayList<>();
    private long waitingAt = -1;
    private Instant waitingSince;
    private long lastCheckpointSize = -1;
    private Instant lastCheckpointAt = Instant.EPOCH;

    public Sealer(JdbcTemplate jdbc, TransactionTemplate transactions, SigningKey key,
            IntegrityProperties properties, CheckpointPublisher publisher, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.key = key;
        this.properties = properties;
        this.publisher = publisher;
        this.clock = clock;
        this.oneSigningKey = new OneSigningKey(key.verifier(), properties.previousKeyId());
    }

    @Scheduled(fixedDelayString = "${peerjournal.integrity.seal-interval}",
            initialDelayString = "${peerjournal.integrity.seal-interval}")
    public void tick() {
        try {
            seal(properties.gapTimeout(), properties.checkpointInterval());
        } catch (RuntimeException e) {
            LOG.warn("Sealing failed; retried at the next tick", e);
        }
    }

    /** One round: extend the tree and sign a checkpoint when due. Answers the new checkpoint, if one was signed. */
    public synchronized Optional<String> seal(Duration gapTimeout, Duration checkpointInterval) {
        if (idle(checkpointInterval)) {
            return Optional.empty();
        }
        Optional<String> note;
        try {
            note = transactions.execute(status -> {
                // Checked each round: another node may have signed with another key since this one started.
                oneSigningKey.check(jdbc);
                if (!claim()) {
                    return Optional.<String>empty();
                }
                catchUp();
                sealLateGaps();
                extend(gapTimeout);
                return checkpointIfDue(checkpointInterval);
            });
        } catch (RuntimeException e) {
            forget();
            throw e;
        }
        note.ifPresent(publisher::publish);
        return note;
    }

    /** On a clean stop everything committed is sealed and signed, so a stopped store is covered completely. */
    @Override
    public void destroy() {
        try {
            seal(Duration.ZERO, Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.warn("Final seal failed; the next start seals the rest", e);
        }
    }

    /** The key this sealer's checkpoints verify under. */
    public NoteVerifier publicKey() {
        return key.verifier();
    }

    /**
     * Nothing to seal and no checkpoint due: the round writes nothing, not even the claim. Renewing the claim every
     * second on an idle store was a commit per second that reads' access-log commits queued behind; an idle holder
     * may let its claim lapse, and whichever node claims next catches up from the stored tree.
     */
    private boolean idle(Duration checkpointInterval) {
        Long newest = jdbc.queryForObject("select max(global_index) from event_chain", Long.class);
        boolean unsealed = newest != null && newest > watermark || !lateCommits().isEmpty();
        return !unsealed && !checkpointDue(checkpointInterval);
    }

    private boolean checkpointDue(Duration interval) {
        return tree.size() > 0 && tree.size() > lastCheckpointSize
                && Duration.between(lastCheckpointAt, clock.instant()).compareTo(interval) >= 0;
    }

    /** After a rolled-back round the tree in memory is ahead of the stored one: the next round reads it anew. */
    private void forget() {
        tree = new MerkleTree();
        sealed = new BitSet();
        watermark = 0;
        lateGaps.clear();
        waitingAt = -1;
    }

    private boolean claim() {
        Instant now = clock.instant();
        Instant until = now.plus(properties.sealInterval().multipliedBy(10)).plusSeconds(10);
        return jdbc.update("update integrity_sealer set owner = ?, claimed_until = ? where id = 1"
                + " and (owner = ? or owner is null or claimed_until < ?)", owner, Timestamp.from(until), owner,
                Timestamp.from(now)) == 1;
    }

    /** Reads the leaves another sealer (or this one before a restart) added since this one last looked. */
    private void catchUp() {
        jdbc.query("select global_index, leaf_hash from merkle_leaf where tree_index >= ? order by tree_index",
                row -> {
                    long globalIndex = row.getLong(1);
                    tree.append(row.getBytes(2));
                    sealed.set(Math.toIntExact(globalIndex));
                    if (globalIndex > watermark) {
                        for (long gap = watermark + 1; gap < globalIndex; gap++) {
                            if (!sealed.get(Math.toIntExact(gap))) {
                                lateGaps.add(gap);
                            }
                        }
                        watermark = globalIndex;
                    }
                }, tree.size());
        lateGaps.removeIf(gap -> sealed.get(Math.toIntExact(gap)));
        lastCheckpointSize = Math.max(lastCheckpointSize,
                Optional.ofNullable(jdbc.queryForObject("select max(tree_size) from checkpoint", Long.class))
                        .orElse(-1L));
    }

    private void sealLateGaps() {
        lateCommits().forEach(this::append);
        lateGaps.removeIf(gap -> sealed.get(Math.toIntExact(gap)));
    }

    /** The events that have committed since at a global index passed over after the gap timeout. */
    private List<Leaf> lateCommits() {
        List<Leaf> late = new ArrayList<>();
        for (int from = 0; from < lateGaps.size(); from += GAPS_PER_QUERY) {
            List<Long> chunk = lateGaps.subList(from, Math.min(lateGaps.size(), from + GAPS_PER_QUERY));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            late.addAll(jdbc.query("select global_index, leaf_hash from event_chain where global_index in ("
                    + marks + ") order by global_index", (row, n) -> new Leaf(row.getLong(1), row.getBytes(2)),
                    chunk.toArray()));
        }
        return late;
    }

    private void extend(Duration gapTimeout) {
        List<Leaf> next;
        do {
            next = jdbc.query("select global_index, leaf_hash from event_chain where global_index > ?"
                    + " order by global_index limit " + BATCH, (row, n) -> new Leaf(row.getLong(1), row.getBytes(2)),
                    watermark);
            for (Leaf leaf : next) {
                if (!passGapsBefore(leaf.globalIndex(), gapTimeout)) {
                    return;
                }
                append(leaf);
                watermark = leaf.globalIndex();
            }
        } while (next.size() == BATCH);
    }

    /** Whether every global index between the watermark and this one is committed or waited for long enough. */
    private boolean passGapsBefore(long globalIndex, Duration gapTimeout) {
        if (globalIndex == watermark + 1) {
            return true;
        }
        long gap = watermark + 1;
        Instant now = clock.instant();
        if (waitingAt != gap) {
            waitingAt = gap;
            waitingSince = now;
        }
        if (Duration.between(waitingSince, now).compareTo(gapTimeout) < 0) {
            return false;
        }
        for (long missing = gap; missing < globalIndex; missing++) {
            lateGaps.add(missing);
        }
        LOG.info("Sealing past global index(es) {}..{}, not committed after {}; a late commit is still sealed",
                gap, globalIndex - 1, gapTimeout);
        return true;
    }

    private void append(Leaf leaf) {
        jdbc.update("insert into merkle_leaf (tree_index, global_index, leaf_hash) values (?, ?, ?)", tree.size(),
                leaf.globalIndex(), leaf.hash());
        tree.append(leaf.hash());
        sealed.set(Math.toIntExact(leaf.globalIndex()));
    }

    private Optional<String> checkpointIfDue(Duration interval) {
        if (!checkpointDue(interval)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        byte[] root = tree.root();
        String note = key.sign(new Checkpoint(properties.origin(), tree.size(), root).text());
        jdbc.update("insert into checkpoint (tree_size, root_hash, signed_note, created_at) values (?, ?, ?, ?)",
                tree.size(), root, note, Timestamp.from(now));
        lastCheckpointSize = tree.size();
        lastCheckpointAt = now;
        return Optional.of(note);
    }

    private record Leaf(long globalIndex, byte[] hash) {
    }
}
