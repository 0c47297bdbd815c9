package org.peerjournal.app.store;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Keeps the embedded H2 file near the size of the data it holds, with nobody having to stop the service for
 * {@code SHUTDOWN COMPACT}.
 *
 * <p>H2 never overwrites a page in place: every commit writes the pages it changed as a new chunk at a free place in
 * the file, and a chunk's space is free again only once none of its pages is live any more and it is older than the
 * store's retention time. H2's background writer rewrites the live pages of mostly dead chunks so that whole chunks
 * fall free; but it runs only with a write delay, and this store writes every commit at once (WRITE_DELAY 0,
 * {@link H2CommitsWrittenAtOnce}), so it never runs. The file grew by tens of kilobytes per note and to gigabytes
 * after a replay (docs/benchmarks.md, "The embedded store's file size").
 *
 * <p>So this does that rewriting itself, every {@code peerjournal.store.h2.compact-interval}, at most
 * {@link #WRITE_LIMIT} a round (H2's store lock is held meanwhile, so commits wait: the limit keeps a round short).
 * Freed space is reused by the next chunks, which H2 places as near the start of the file as it can, and H2
 * truncates the file whenever its end falls free. It does not move chunks to shrink the file at once: H2 2.3's
 * chunk moving has open faults (an internal assertion in {@code compactMoveChunks}, h2database issue #4086, which
 * closed the store in our test). It also shortens the retention time (H2's default 45 s keeps every chunk written
 * in the last 45 s, at one chunk per commit hundreds of megabytes under load); why that is safe here and what it
 * costs: docs/decisions/0016-embedded-store-compacted-while-running.md.
 */
@Component
class H2FileCompaction {

    private static final Logger log = LoggerFactory.getLogger(H2FileCompaction.class);
    /** Chunks are rewritten while their live part is below this percentage. */
    static final int TARGET_FILL_RATE = 80;
    static final int WRITE_LIMIT = 8 * 1024 * 1024;

    private final H2CommitsWrittenAtOnce store;
    private final int retentionMillis;

    H2FileCompaction(H2CommitsWrittenAtOnce store,
            @Value("${peerjournal.store.h2.retention-time}") Duration retention,
            @Value("${peerjournal.store.h2.compact-interval}") Duration interval) {
        if (retention.compareTo(interval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("peerjournal.store.h2.retention-time (" + retention + ") must be at"
                    + " least twice peerjournal.store.h2.compact-interval (" + interval + "): space is reused only"
                    + " after the file has been forced to the disk since");
        }
        this.store = store;
        this.retentionMillis = Math.toIntExact(retention.toMillis());
    }

    @Scheduled(fixedDelayString = "${peerjournal.store.h2.compact-interval}")
    void compact() {
        store.mvStore().filter(MVStore::isPersistent).ifPresent(this::compact);
    }

    private void compact(MVStore mvStore) {
        FileStore<?> file = mvStore.getFileStore();
        if (mvStore.isClosed() || file.isReadOnly()) {
            return;
        }
        // Not kept by H2 across a reopen; set on every round, it costs nothing.
        mvStore.setRetentionTime(retentionMillis);
        long before = file.size();
        mvStore.compact(TARGET_FILL_RATE, WRITE_LIMIT);
        // H2 writes each commit to the file but forces nothing to the disk. Forcing the file every round, well
        // within the retention time, means a chunk's space is reused only after the chunks that replaced it are
        // on the disk: a power failure then finds either the old chunk or its durable replacement, never neither.
        file.sync();
        if (log.isDebugEnabled()) {
            log.debug("H2 file {} -> {} bytes, {}% live", before, file.size(), file.getFillRate());
        }
    }
}
