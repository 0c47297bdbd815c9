package org.peerjournal.app.support;

import org.awaitility.Awaitility;
import org.awaitility.pollinterval.PollInterval;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;

/**
 * How every Awaitility wait of this module polls (registered for all test classes in junit-platform.properties):
 * the condition is checked at once, then after 5, 10, 20, 40 and 80 ms, then every 100 ms as by default. Most
 * conditions here (a projection catching up, a read being logged) hold within tens of milliseconds, and Awaitility's
 * default (the first check only after 100 ms, or after the poll interval a test sets) made each such wait cost
 * 100 ms or more; across the suite's many waits that was tens of seconds. Every wait keeps its own limit.
 */
public final class QuickPolling implements BeforeAllCallback {

    private static final Duration FIRST = Duration.ofMillis(5);
    private static final Duration USUAL = Duration.ofMillis(100);
    /** Doubles from 5 ms up to the usual 100 ms. */
    private static final PollInterval DOUBLING_TO_USUAL = (pollCount, previous) -> pollCount <= 1 ? FIRST
            : min(previous.multipliedBy(2), USUAL);

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(DOUBLING_TO_USUAL);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
