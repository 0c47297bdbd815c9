package org.peerjournal.query.directory;

import org.peerjournal.shared.journal.ContactType;
import org.peerjournal.shared.team.ContactReport;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Contacts and minutes per journal and contact type, summed from the monthly rollup and from single notes. Rows come
 * out in the order the report promises and SQL gave before: by journal id as text, then by contact type's name.
 */
final class ContactTallies {

    private record Key(UUID journalId, ContactType contactType) {
    }

    private static final Comparator<Key> REPORT_ORDER = Comparator
            .comparing((Key key) -> key.journalId().toString())
            .thenComparing(key -> key.contactType().name());

    private final Map<Key, long[]> sums = new TreeMap<>(REPORT_ORDER);

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
                .toList();
    }
}
