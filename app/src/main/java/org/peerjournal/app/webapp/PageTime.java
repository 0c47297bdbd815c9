package org.peerjournal.app.webapp;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;

/**
 * Instants as the user reads and types them: in the user's time zone and language. Templates call it as
 * {@code @pageTime}; forms' times are read back with {@link #parse}.
 */
@Component("pageTime")
public class PageTime {

    public static ZoneId zone() {
        return LocaleContextHolder.getTimeZone().toZoneId();
    }

    /** The user's zone by name, as pages say it beside the times. */
    public String zoneName() {
        return zone().getId();
    }

    /** For reading: "20 nov. 2026 15:00" in Swedish, "Nov 20, 2026, 3:00 PM" in English. */
    public String format(Instant instant) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(LocaleContextHolder.getLocale()).withZone(zone()).format(instant);
    }

    /** For a machine-readable {@code <time datetime>}: the instant itself, in UTC. */
    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /** For a {@code datetime-local} input. */
    public String local(Instant instant) {
        return instant == null ? "" : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MINUTES), zone())
                .toString();
    }

    /** A {@code datetime-local} input's default: now. */
    public String nowLocal() {
        return local(Instant.now());
    }

    /** For a {@code date} input. */
    public String date(Instant instant) {
        return instant == null ? "" : LocalDate.ofInstant(instant, zone()).toString();
    }

    /**
     * What a user typed: an ISO instant as such; a date-time ({@code 2026-11-20T15:00}) or a date (its start) in the
     * user's zone.
     */
    public static Instant parse(String text) {
        String value = text.strip();
        if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return Instant.parse(value);
        }
        if (value.contains("T")) {
            return LocalDateTime.parse(value).atZone(zone()).toInstant();
        }
        return LocalDate.parse(value).atStartOfDay(zone()).toInstant();
    }
}
