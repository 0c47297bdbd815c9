package org.peerjournal.app.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@link H2PackedWhenQuiet}'s rule for when the embedded store is worth packing, and when nothing has been stored
 * for long enough. Asked in that order on every round: the store's newest event is looked at only while the file is
 * large enough, and the quiet time counts from the first round that saw the newest event as it is.
 */
final class QuietMoment {

    private final Clock clock;
    private final Duration quietFor;
    private final long minimumSize;
    private final double growth;
    /** The file's size right after the last pack, or -1 before the first since the service started. */
    private long packedSize = -1;
    private long newestEvent = -1;
    private Instant unchangedSince;

    /**
     * @param quietFor    how long no event may have been stored
     * @param minimumSize a smaller file is never packed (packing a small store gains little and still holds every
     *                    request for a moment)
     * @param growth      after a pack, the file is packed again once it is this many times its packed size
     */
    QuietMoment(Clock clock, Duration quietFor, long minimumSize, double growth) {
        if (quietFor.isNegative() || quietFor.isZero()) {
            throw new IllegalArgumentException("peerjournal.store.h2.pack-when-quiet-for (" + quietFor
                    + ") must be longer than zero");
        }
        if (!(growth > 1)) {
            throw new IllegalArgumentException("peerjournal.store.h2.pack-growth (" + growth + ") must be more than"
                    + " 1: the file is at least its packed size");
        }
        this.clock = clock;
        this.quietFor = quietFor;
        this.minimumSize = minimumSize;
        this.growth = growth;
    }

    boolean worthPacking(long fileSize) {
        long threshold = packedSize < 0 ? minimumSize : Math.max(minimumSize, (long) (growth * packedSize));
        return fileSize >= threshold;
    }

    /** Whether the newest stored event ({@code newestEvent}, its global index) has stayed the same long enough. */
    boolean isQuiet(long newestEvent) {
        Instant now = clock.instant();
        if (newestEvent != this.newestEvent) {
            this.newestEvent = newestEvent;
            unchangedSince = now;
            return false;
        }
        return !now.isBefore(unchangedSince.plus(quietFor));
    }

    /** A quiet moment that could not be used: the quiet time counts again from the next round. */
    void notNow() {
        newestEvent = -1;
    }

    void packed(long fileSize) {
        packedSize = fileSize;
    }
}
