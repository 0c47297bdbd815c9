package org.peerjournal.query.api;

import org.peerjournal.shared.error.InvalidFieldException;

import java.time.Instant;

/** The half-open window [from, to) that a read is limited to; either end may be left open ({@code null}). */
public final class TimeWindow {

    private TimeWindow() {
    }

    /** Refuses a window that would hold no instant, as an invalid {@code to}. */
    public static void requireOrdered(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidFieldException("to", "must be later than from");
        }
    }
}
