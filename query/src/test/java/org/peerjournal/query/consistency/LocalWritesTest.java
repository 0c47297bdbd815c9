package org.peerjournal.query.consistency;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class LocalWritesTest {

    /** "journal-1" and "journal-3" fall in the second of two segments, "journal-2" in the first. */
    private static final Segment FIRST = Segment.computeSegment(0, 0, 1);
    private static final Segment SECOND = Segment.computeSegment(1, 0, 1);

    private static final Class<?> NOTE = String.class;
    private static final Predicate<Class<?>> ALL = type -> true;

    private final LocalWrites writes = new LocalWrites();

    @Test
    void aTokenCoversOurWritesOnceItIsPastThemWithNoneOfThemAsAGap() {
        writes.committed(5, "journal-1", NOTE);
        writes.committed(7, "journal-2", NOTE);

        assertThat(writes.latest()).isEqualTo(7);
        assertThat(writes.covered(GapAwareTrackingToken.newInstance(6, List.of()), 7)).as("not there yet").isFalse();
        assertThat(writes.covered(GapAwareTrackingToken.newInstance(7, List.of(5L)), 7)).as("ours a gap").isFalse();
        assertThat(writes.covered(GapAwareTrackingToken.newInstance(7, List.of(6L)), 7)).as("a gap not ours")
                .isTrue();
        assertThat(writes.covered(null, 7)).as("no token").isFalse();
    }

    @Test
    void aSegmentsStoredTokenCoversOurWritesOfThatSegmentOnly() {
        writes.committed(5, "journal-1", NOTE);
        writes.committed(7, "journal-2", NOTE);
        writes.committed(9, "journal-3", NOTE);

        assertThat(writes.coveredIn(FIRST, GapAwareTrackingToken.newInstance(7, List.of()), 9, ALL))
                .as("past journal-2's write; the later ones are the other segment's").isTrue();
        assertThat(writes.coveredIn(FIRST, GapAwareTrackingToken.newInstance(6, List.of()), 9, ALL))
                .as("short of journal-2's write").isFalse();
        assertThat(writes.coveredIn(FIRST, GapAwareTrackingToken.newInstance(8, List.of(5L)), 9, ALL))
                .as("a gap at the other segment's write").isTrue();
        assertThat(writes.coveredIn(SECOND, GapAwareTrackingToken.newInstance(9, List.of(5L)), 9, ALL))
                .as("a gap at this segment's write").isFalse();
        assertThat(writes.coveredIn(SECOND, GapAwareTrackingToken.newInstance(8, List.of()), 9, ALL)).isFalse();
        assertThat(writes.coveredIn(SECOND, GapAwareTrackingToken.newInstance(5, List.of()), 7, ALL))
                .as("up to the read's target only").isTrue();
        assertThat(writes.coveredIn(SECOND, null, 9, ALL)).as("no token").isFalse();
        assertThat(writes.coveredIn(SECOND, null, 9, type -> false)).as("none of a type it handles").isTrue();
        assertThat(writes.coveredIn(FIRST, null, 5, ALL)).as("none of ours in it up to the target").isTrue();
    }

    @Test
    void onlyTheMostRecentPositionsAreRemembered() {
        LongStream.rangeClosed(0, LocalWrites.REMEMBERED)
                .forEach(position -> writes.committed(position, "journal", NOTE));
        writes.committed(LocalWrites.REMEMBERED, "journal", NOTE); // a position reported twice counts once

        long newest = LocalWrites.REMEMBERED;
        assertThat(writes.covered(GapAwareTrackingToken.newInstance(newest, List.of(0L)), newest))
                .as("the oldest position, forgotten").isTrue();
        assertThat(writes.covered(GapAwareTrackingToken.newInstance(newest, List.of(1L)), newest))
                .as("the oldest one still remembered").isFalse();
    }
}
