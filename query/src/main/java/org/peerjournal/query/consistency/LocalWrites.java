package org.peerjournal.query.consistency;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The global positions of the journal events this node has committed: what a read on this node must find
 * projected to show a client its own writes. The event store records each position once its transaction has
 * committed; {@link ProjectionCatchUp} waits for the projections to pass them.
 *
 * <p>Only the most recent {@value #REMEMBERED} positions are kept: a projection's token can only miss a position
 * as one of its gaps (an event committed after later ones were projected), and such a gap is filled within
 * milliseconds, long before ten thousand more writes.
 */
@Component
public class LocalWrites {

    static final int REMEMBERED = 10_000;

    private final AtomicLong latest = new AtomicLong(-1);
    private final NavigableSet<Long> recent = new ConcurrentSkipListSet<>();
    /** The size of {@link #recent}, counted here: the set's own size() walks all its entries. */
    private final AtomicInteger remembered = new AtomicInteger();

    /** Called after the transaction that stored the event at {@code position} has committed. */
    public void committed(long position) {
        if (recent.add(position)) {
            remembered.incrementAndGet();
        }
        latest.accumulateAndGet(position, Math::max);
        while (remembered.get() > REMEMBERED && recent.pollFirst() != null) {
            remembered.decrementAndGet();
        }
    }

    /** The highest position committed by this node so far, -1 before the first. */
    public long latest() {
        return latest.get();
    }

    /**
     * Whether a projection at {@code token} has handled every event this node committed up to {@code target}: it
     * has reached the target, and none of its gaps below it is one of ours. Gaps that are not ours (a transaction
     * of another node still open, a sequence value of a rolled-back write) do not hold a read back.
     */
    boolean covered(TrackingToken token, long target) {
        if (token == null || token.position().orElse(-1) < target) {
            return false;
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getGaps().headSet(target + 1).stream().noneMatch(recent::contains);
        }
        return true;
    }
}
