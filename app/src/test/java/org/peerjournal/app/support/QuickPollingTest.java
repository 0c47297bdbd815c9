package org.peerjournal.app.support;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/** Every test class gets {@link QuickPolling}'s defaults without asking for them (junit-platform.properties). */
class QuickPollingTest {

    @Test
    void aWaitChecksItsConditionAtOnce() {
        // Awaitility refuses a limit not longer than the poll delay: with its own default delay (100 ms) this wait
        // would fail before checking anything.
        assertThatCode(() -> await().atMost(Duration.ofMillis(50)).until(() -> true)).doesNotThrowAnyException();
    }
}
