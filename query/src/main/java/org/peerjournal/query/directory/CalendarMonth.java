package org.peerjournal.query.directory;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * A calendar month in UTC, as the monthly contact rollup keys it: {@code year * 100 + month} (202611). UTC because
 * the rollup only has to agree with itself: a report's window is cut at these boundaries and the partial months at
 * its ends are counted from the notes, so the answer is exact for any window in any time zone.
 */
record CalendarMonth(YearMonth month) {

    static CalendarMonth of(Instant instant) {
        return new CalendarMonth(YearMonth.from(instant.atOffset(ZoneOffset.UTC)));
    }

    /** The first month that starts at or after this instant. */
    static CalendarMonth startingFrom(Instant instant) {
        CalendarMonth containing = of(instant);
        return containing.start().equals(instant) ? containing : new CalendarMonth(containing.month.plusMonths(1));
    }

    int key() {
        return month.getYear() * 100 + month.getMonthValue();
    }

    Instant start() {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
