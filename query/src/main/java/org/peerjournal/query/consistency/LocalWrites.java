package org.peerjournal.query.consistency;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

/**
 * The global positions of the journal events this node has committed, each with the aggregate it belongs to (the
 * sequence a projection's segment is chosen by): what a read on this node must find projected to show a client its
 * own writes. The event store records each position once its transaction has committed; {@link ProjectionCatchUp}
 * waits for the projections to pass them.
 *
 * <p>Only the most recent {@value #REMEMBERED} positions are kept: a projection's token can only miss a position
 * as one of its gaps (an event committed after later ones were projected), and such a gap is filled within
 * milliseconds, long before ten thousand more writes.
 */
@Component
public class LocalWrites {

    static final int REMEMBERED = 10_000;

    private final AtomicLong latest = new AtomicLong(-1);
    /** How many positions have been recorded so far: changes with every write, in whatever order they commit. */
    private final AtomicLong recorded = new AtomicLong();
    private final NavigableMap<Long, Write> recent = new ConcurrentSkipListMap<>();
    /** The size of {@link #recent}, counted here: the map's own size() walks all its entries. */
    private final AtomicInteger remembered = new AtomicInteger();

    /**
     * Called after the transaction that stored the event at {@code position} has committed.
     *
     * @param aggregateId the event's journal: the sequence a projection's segment is chosen by
     * @param payloadType what the event is: a projection that handles no event of the type does not store its token
     *                    for it
     */
    public void committed(long position, String aggregateId, Class<?> payloadType) {
        if (recent.putIfAbsent(position, new Write(aggregateId, payloadType)) == null) {
            remembered.incrementAndGet();
        }
        latest.accumulateAndGet(position, Math::max);
        recorded.incrementAndGet();
        while (remembered.get() > REMEMBERED && recent.pollFirstEntry() != null) {
            remembered.decrementAndGet();
        }
    }

    /** The highest position committed by this node so far, -1 before the first. */
    public long latest() {
        return latest.get();
    }

    /** How many writes this node has recorded so far: a read that finds it unchanged has no new write to wait for. */
    long recorded() {
        return recorded.get();
    }

    /**
     * Whether a projection at {@code token} has handled every event this node committed up to {@code target}: it
     * has reached the target, and none of its gaps below it is one of ours. Gaps that are not ours (a transaction
     * of another node still open, a sequence value of a rolled-back write) do not hold a read back.
     */
    boolean covered(TrackingToken token, long target) {
        return token != null && token.position().orElse(-1) >= target
                && noGapOfOurs(token, target, recent::containsKey);
    }

    /**
     * Whether a segment at the token it stored has handled every event of that segment this node committed up to
     * {@code target}. A stored token moves with the batches the segment handles, not past the events it skips (of
     * other segments, or of types its projection {@code handles} not), so only our events of that segment and of
     * those types count: it has reached the last of them, and none of them is one of its gaps.
     */
    boolean coveredIn(Segment segment, TrackingToken stored, long target, Predicate<Class<?>> handles) {
        LongPredicate ours = position -> {
            Write write = recent.get(position);
            return write != null && write.in(segment, handles);
        };
        long lastOfOurs = recent.headMap(target, true).descendingMap().entrySet().stream()
                .filter(write -> write.getValue().in(segment, handles)).mapToLong(Map.Entry::getKey).findFirst()
                .orElse(-1);
        if (lastOfOurs < 0) {
            return true;
        }
        return stored != null && stored.position().orElse(-1) >= lastOfOurs && noGapOfOurs(stored, target, ours);
    }

    private static boolean noGapOfOurs(TrackingToken token, long target, LongPredicate ours) {
        return !(token instanceof GapAwareTrackingToken gapAware)
                || gapAware.getGaps().headSet(target + 1).stream().noneMatch(ours::test);
    }

    private record Write(String aggregateId, Class<?> payloadType) {

        boolean in(Segment segment, Predicate<Class<?>> handles) {
            return segment.matches(aggregateId) && handles.test(payloadType);
        }
    }
}
