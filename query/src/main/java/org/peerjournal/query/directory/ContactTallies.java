package org.peerjournal.query.directory;

import org.peerjournal.shared.journal.ContactType;
import org.peerjournal.shared.team.ContactReport;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Contacts and minutes per journal and contact type, summed from the monthly rollup and from single notes. Rows come
 * out in the order the report promises and SQL gave before: by journal id as text, then by contact type's name.
 */
final class ContactTallies {

    private record Key(UUID journalId, ContactType contactType) {
    }

    /**
     * A journal id's text is its two halves in hexadecimal, so comparing the halves unsigned orders ids as their
     * text does, without building 100,000s of strings.
     */
    private static final Comparator<ContactReport.Row> REPORT_ORDER = Comparator
            .comparing((ContactReport.Row row) -> row.journalId().getMostSignificantBits(), Long::compareUnsigned)
            .thenComparing(row -> row.journalId().getLeastSignificantBits(), Long::compareUnsigned)
            .thenComparing(row -> row.contactType().name());

    private final Map<Key, long[]> sums = new HashMap<>();

    void add(UUID journalId, ContactType contactType, long contacts, long minutes) {
        long[] sum = sums.computeIfAbsent(new Key(journalId, contactType), key -> new long[2]);
        sum[0] += contacts;
        sum[1] += minutes;
    }

    /** Types without a contact in the window are left out, as before (a retraction can bring a month to zero). */
    List<ContactReport.Row> rows() {
        return sums.entrySet().stream()
                .filter(entry -> entry.getValue()[0] > 0)
                .map(entry -> new ContactReport.Row(entry.getKey().journalId(), entry.getKey().contactType(),
                        entry.getValue()[0], entry.getValue()[1]))
                .sorted(REPORT_ORDER)
                .toList();
    }
}
