package org.peerjournal.app.store;

import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.MutableClock;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuietMomentTest {

    private static final Duration QUIET_FOR = Duration.ofSeconds(10);
    private static final long MB = 1_000_000;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T03:00:00Z"));
    private final QuietMoment quiet = new QuietMoment(clock, QUIET_FOR, 64 * MB, 2);

    @Test
    void beforeTheFirstPackAFileFromTheMinimumSizeOnIsWorthPacking() {
        assertThat(quiet.worthPacking(64 * MB - 1)).isFalse();
        assertThat(quiet.worthPacking(64 * MB)).isTrue();
    }

    @Test
    void afterAPackTheFileIsWorthPackingOnceItHasGrownToTheGrowthTimesItsPackedSize() {
        quiet.packed(100 * MB);

        assertThat(quiet.worthPacking(199 * MB)).isFalse();
        assertThat(quiet.worthPacking(200 * MB)).isTrue();
    }

    @Test
    void afterAPackToASmallSizeTheMinimumStillHolds() {
        quiet.packed(10 * MB);

        assertThat(quiet.worthPacking(50 * MB)).as("five times its packed size, under the minimum").isFalse();
        assertThat(quiet.worthPacking(64 * MB)).isTrue();
    }

    @Test
    void quietOnceTheNewestEventHasStayedTheSameForTheQuietTime() {
        assertThat(quiet.isQuiet(41)).as("first seen").isFalse();
        clock.advance(QUIET_FOR.minusMillis(1));
        assertThat(quiet.isQuiet(41)).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(quiet.isQuiet(41)).isTrue();
    }

    @Test
    void aNewEventStartsTheQuietTimeAgain() {
        quiet.isQuiet(41);
        clock.advance(QUIET_FOR.minusSeconds(1));
        assertThat(quiet.isQuiet(42)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(quiet.isQuiet(42)).as("only a second after the newest event was first seen").isFalse();
        clock.advance(QUIET_FOR);
        assertThat(quiet.isQuiet(42)).isTrue();
    }

    @Test
    void aQuietMomentThatCouldNotBeUsedIsFollowedByAWholeNewQuietTime() {
        quiet.isQuiet(41);
        clock.advance(QUIET_FOR);
        assertThat(quiet.isQuiet(41)).isTrue();

        quiet.notNow();

        assertThat(quiet.isQuiet(41)).as("the same newest event, right after").isFalse();
        clock.advance(QUIET_FOR);
        assertThat(quiet.isQuiet(41)).isTrue();
    }

    @Test
    void noQuietTimeAndAGrowthOfOneOrLessAreRefused() {
        assertThatThrownBy(() -> new QuietMoment(clock, Duration.ZERO, MB, 2))
                .hasMessageContaining("pack-when-quiet-for");
        assertThatThrownBy(() -> new QuietMoment(clock, QUIET_FOR, MB, 1))
                .hasMessageContaining("pack-growth");
    }
}
