package org.peerjournal.query.consistency;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class LocalWritesTest {

    private final LocalWrites writes = new LocalWrites();

    @Test
    void aTokenCoversOurWritesOnceItIsPastThemWithNoneOfThemAsAGap() {
        writes.committed(5);
        writes.committed(7);

        assertThat(writes.latest()).isEqualTo(7);
        assertThat(writes.covered(GapAwareTrackingToken.newInstance(6, List.of()), 7)).as("not there yet").isFalse();
        assertThat(writes.covered(GapAwareTrackingToken.newInstance(7, List.of(5L)), 7)).as("ours a gap").isFalse();
        assertThat(writes.covered(GapAwareTrackingToken.newInstance(7, List.of(6L)), 7)).as("a gap not ours")
                .isTrue();
        assertThat(writes.covered(null, 7)).as("no token").isFalse();
    }

    @Test
    void onlyTheMostRecentPositionsAreRemembered() {
        LongStream.rangeClosed(0, LocalWrites.REMEMBERED).forEach(writes::committed);
        writes.committed(LocalWrites.REMEMBERED); // a position reported twice counts once

        long newest = LocalWrites.REMEMBERED;
        assertThat(writes.covered(GapAwareTrackingToken.newInstance(newest, List.of(0L)), newest))
                .as("the oldest position, forgotten").isTrue();
        assertThat(writes.covered(GapAwareTrackingToken.newInstance(newest, List.of(1L)), newest))
                .as("the oldest one still remembered").isFalse();
    }
}
