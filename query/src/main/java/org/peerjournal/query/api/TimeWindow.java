package org.peerjournal.query.api;

import org.peerjournal.shared.error.InvalidFieldException;

import java.time.Instant;
import java.time.ZoneOffset;

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

    /** The longest window a read across all journals may span (the access extract and the access review). */
    public static final int MAX_YEARS = 10;

    /** Refuses a window that holds no instant or spans more than {@link #MAX_YEARS} years, as an invalid to. */
    public static void requireBounded(Instant from, Instant to) {
        requireOrdered(from, to);
        if (to.isAfter(from.atOffset(ZoneOffset.UTC).plusYears(MAX_YEARS).toInstant())) {
            throw new InvalidFieldException("to", "must be at most " + MAX_YEARS + " years after from");
        }
    }
}
