package org.peerjournal.shared.journal;

import java.time.Duration;

/** The input limits of api.md, in one place for the HTTP edge, the aggregate and the docs. */
public final class JournalLimits {

    public static final int LONG_TEXT_MAX = 20_000;
    public static final int SHORT_TEXT_MAX = 4_000;
    public static final int NAME_MAX = 200;
    public static final int MIN_DURATION_MINUTES = 1;
    public static final int MAX_DURATION_MINUTES = 1_440;
    public static final int MAX_PAGE_SIZE = 200;
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** How far in the future an {@code occurredAt} may lie, to allow for devices with a slightly fast clock. */
    public static final Duration CLOCK_SKEW_TOLERANCE = Duration.ofMinutes(5);
    /** A note recorded later than this after its contact is a late entry. */
    public static final Duration LATE_ENTRY_AFTER = Duration.ofHours(24);

    private JournalLimits() {
    }
}
