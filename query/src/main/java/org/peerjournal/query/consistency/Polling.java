package org.peerjournal.query.consistency;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a read model to get somewhere: its progress is known only by asking (tokens, processor status), so
 * the condition is asked again every few milliseconds until it holds or the caller's deadline has passed.
 */
public final class Polling {

    private Polling() {
    }

    /**
     * Whether {@code condition} held before {@code deadlineNanos} (a {@link System#nanoTime()} value) passed, asking
     * it every {@code intervalNanos}.
     */
    public static boolean until(BooleanSupplier condition, long deadlineNanos, long intervalNanos) {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadlineNanos > 0) {
                return false;
            }
            LockSupport.parkNanos(intervalNanos);
        }
        return true;
    }
}
