package org.peerjournal.app.store;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Rewrites the embedded H2 file while the service runs, so that the space of old chunks is reused, with nobody having
 * to stop the service for {@code SHUTDOWN COMPACT}. Under sustained heavy writes it does not fully keep up, and the
 * file can stay several times its packed size (about 13 times after 100,000 notes: docs/benchmarks.md, "The embedded
 * store's file size", session 16) until {@link H2PackedWhenQuiet} packs it at the next quiet moment.
 *
 * <p>H2 never overwrites a page in place: every commit writes the pages it changed as a new chunk at a free place in
 * the file, and a chunk's space is free again only once none of its pages is live any more and it is older than the
 * store's retention time. H2's background writer rewrites the live pages of mostly dead chunks so that whole chunks
 * fall free; but it runs only with a write delay, and this store writes every commit at once (WRITE_DELAY 0,
 * {@link H2CommitsWrittenAtOnce}), so it never runs. The file grew by tens of kilobytes per note and to gigabytes
 * after a replay (docs/benchmarks.md, "The embedded store's file size").
 *
 * <p>So this does that rewriting itself, every {@code peerjournal.store.h2.compact-interval}, at most
 * {@code compact-write-limit} a round, in steps of 1 MB (H2's store lock is held while a step rewrites, so commits
 * wait: the steps keep each wait short).
 * Freed space is reused by the next chunks, which H2 places as near the start of the file as it can, and H2
 * truncates the file whenever its end falls free. It does not move chunks to shrink the file at once (H2's
 * {@code compactMoveChunks}): the path of H2's compaction with the most faults reported (issues #4086, #4247), and,
 * tried on H2 2.4.240, it made the rounds longer and the file a third smaller after a replay, not small (ADR 0016).
 * It also shortens the retention time (H2's default 45 s keeps every chunk written
 * in the last 45 s, at one chunk per commit hundreds of megabytes under load); why that is safe here and what it
 * costs: docs/decisions/0016-embedded-store-compacted-while-running.md.
 */
@Component
class H2FileCompaction {

    private static final Logger log = LoggerFactory.getLogger(H2FileCompaction.class);
    /** The most one call to H2 rewrites while it holds the store lock (see {@link #rewrite}). */
    private static final int STEP = 1024 * 1024;
    private final H2CommitsWrittenAtOnce store;
    private final int retentionMillis;
    private final int fillRate;
    private final int writeLimit;

    /**
     * @param fillRate   a round rewrites only while less than this percentage of the chunks' bytes is live: the
     *                   lower, the larger the file may grow, and the fewer live bytes a round rewrites for each
     *                   byte it frees
     * @param writeLimit at most this much is rewritten a round, in steps of 1 MB (H2's store lock is held while a
     *                   step rewrites)
     */
    H2FileCompaction(H2CommitsWrittenAtOnce store,
            @Value("${peerjournal.store.h2.retention-time}") Duration retention,
            @Value("${peerjournal.store.h2.compact-interval}") Duration interval,
            @Value("${peerjournal.store.h2.compact-fill-rate}") int fillRate,
            @Value("${peerjournal.store.h2.compact-write-limit}") DataSize writeLimit) {
        if (retention.compareTo(interval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("peerjournal.store.h2.retention-time (" + retention + ") must be at"
                    + " least twice peerjournal.store.h2.compact-interval (" + interval + "): space is reused only"
                    + " after the file has been forced to the disk since");
        }
        if (fillRate < 1 || fillRate > 99) {
            throw new IllegalArgumentException("peerjournal.store.h2.compact-fill-rate (" + fillRate + ") must be a"
                    + " percentage from 1 to 99");
        }
        this.store = store;
        this.retentionMillis = Math.toIntExact(retention.toMillis());
        this.fillRate = fillRate;
        this.writeLimit = Math.toIntExact(writeLimit.toBytes());
    }

    @Scheduled(fixedDelayString = "${peerjournal.store.h2.compact-interval}")
    void compact() {
        store.onTheFile(mvStore -> {
            if (mvStore.isPersistent()) {
                compact(mvStore);
            }
        });
    }

    private void compact(MVStore mvStore) {
        FileStore<?> file = mvStore.getFileStore();
        if (mvStore.isClosed() || file.isReadOnly()) {
            return;
        }
        // Not kept by H2 across a reopen; set on every round, it costs nothing.
        mvStore.setRetentionTime(retentionMillis);
        long before = file.size();
        long start = System.nanoTime();
        int steps = rewrite(mvStore);
        long rewriting = System.nanoTime() - start;
        // H2 writes each commit to the file but forces nothing to the disk. Forcing the file every round, well
        // within the retention time, means a chunk's space is reused only after the chunks that replaced it are
        // on the disk: a power failure then finds either the old chunk or its durable replacement, never neither.
        file.sync();
        if (log.isDebugEnabled()) {
            log.debug("H2 file {} -> {} bytes, {}% live, chunks {}% live, {} steps, {} ms rewriting", before,
                    file.size(), file.getFillRate(), file.getChunksFillRate(), steps, rewriting / 1_000_000);
        }
    }

    /**
     * A round's rewriting, in steps of at most {@link #STEP}: H2 holds its store lock for the whole of one step, and
     * every commit waits for it meanwhile. A round of 8 MB in one call held it 100-200 ms every 2 s after heavy
     * writes, and a logged read or a note that came then waited as long; between steps the commits waiting get the
     * lock (H2's is fair: {@code H2FileCompactionTest}), so a commit waits for one step at most, not for the round
     * (docs/benchmarks.md, "Access logging", eighth round).
     */
    private int rewrite(MVStore mvStore) {
        int step = Math.min(STEP, writeLimit);
        long budget = writeLimit;
        int steps = 0;
        while (budget > 0 && rewriteStep(mvStore, step)) {
            budget -= step;
            steps++;
        }
        return steps;
    }

    /**
     * One step, under H2's store lock taken as a commit takes it: {@code MVStore.compact} alone only tries the lock
     * for 10 ms and gives up, which under load it did in most rounds, so that they rewrote next to nothing
     * ({@code H2FileCompactionTest}; docs/benchmarks.md, "The embedded store's file size", session 14). The step's
     * pages are committed at once: H2 counts the chunks they leave as free only once they are stored, and on a
     * quiet store, with no other commit to store them, the next step found the same chunks and rewrote nothing.
     */
    private boolean rewriteStep(MVStore mvStore, int step) {
        boolean[] rewritten = new boolean[1];
        mvStore.executeFilestoreOperation(() -> {
            rewritten[0] = mvStore.compact(fillRate, step);
            if (rewritten[0]) {
                mvStore.commit();
            }
        });
        return rewritten[0];
    }
}
