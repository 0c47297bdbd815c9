package org.peerjournal.query.directory;

import org.peerjournal.shared.journal.ContactType;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the monthly contact rollup ({@code contact_month}, migration V10) names its columns: after the contact type. */
public final class ContactMonthColumns {

    public static final String TABLE = "contact_month";

    private ContactMonthColumns() {
    }

    static String contacts(ContactType type) {
        return type.name().toLowerCase(Locale.ROOT) + "_contacts";
    }

    static String minutes(ContactType type) {
        return type.name().toLowerCase(Locale.ROOT) + "_minutes";
    }

    /** Every type's count and minutes column, in the order of {@link ContactType#values()}. */
    static String all() {
        return Arrays.stream(ContactType.values())
                .map(type -> contacts(type) + ", " + minutes(type))
                .collect(Collectors.joining(", "));
    }

    /** The SQL sum of all contacts the rollup counts (for reconciliation against the notes). */
    public static String totalContacts() {
        return Arrays.stream(ContactType.values())
                .map(type -> "coalesce(sum(" + contacts(type) + "), 0)")
                .collect(Collectors.joining(" + "));
    }
}
