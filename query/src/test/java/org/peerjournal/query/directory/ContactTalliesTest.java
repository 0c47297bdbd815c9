package org.peerjournal.query.directory;

import org.junit.jupiter.api.Test;
import org.peerjournal.shared.journal.ContactType;
import org.peerjournal.shared.team.ContactReport;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ContactTalliesTest {

    private static final UUID LOW = UUID.fromString("00000000-0000-0000-0000-000000000001");
    /** Negative as a signed long in both halves: a signed comparison would put it first. */
    private static final UUID HIGH = UUID.fromString("f0000000-0000-0000-8000-000000000000");
    private static final UUID MIDDLE = UUID.fromString("7fffffff-ffff-ffff-7fff-ffffffffffff");
    private static final UUID MIDDLE_HIGH_LOW_HALF = UUID.fromString("7fffffff-ffff-ffff-8000-000000000000");

    @Test
    void sumsRollupMonthsAndNotesPerJournalAndType() {
        ContactTallies tallies = new ContactTallies();
        tallies.add(LOW, ContactType.HOME_VISIT, 3, 90);
        tallies.add(LOW, ContactType.HOME_VISIT, 1, 15);
        tallies.add(LOW, ContactType.OTHER, 2, 20);

        assertThat(tallies.rows()).containsExactly(
                new ContactReport.Row(LOW, ContactType.HOME_VISIT, 4, 105),
                new ContactReport.Row(LOW, ContactType.OTHER, 2, 20));
    }

    @Test
    void leavesOutTypesWhoseContactsWereAllRetracted() {
        ContactTallies tallies = new ContactTallies();
        tallies.add(LOW, ContactType.HOME_VISIT, 0, 0);
        tallies.add(LOW, ContactType.OTHER, 1, 10);

        assertThat(tallies.rows()).extracting(ContactReport.Row::contactType).containsExactly(ContactType.OTHER);
    }

    @Test
    void ordersByJournalIdAsTextThenByTypeName() {
        ContactTallies tallies = new ContactTallies();
        tallies.add(HIGH, ContactType.OTHER, 1, 1);
        tallies.add(MIDDLE_HIGH_LOW_HALF, ContactType.OTHER, 1, 1);
        tallies.add(MIDDLE, ContactType.PHONE_OR_VIDEO, 1, 1);
        tallies.add(MIDDLE, ContactType.GROUP_SESSION, 1, 1);
        tallies.add(LOW, ContactType.OTHER, 1, 1);

        assertThat(tallies.rows()).extracting(row -> row.journalId() + " " + row.contactType()).containsExactly(
                LOW + " OTHER", MIDDLE + " GROUP_SESSION", MIDDLE + " PHONE_OR_VIDEO",
                MIDDLE_HIGH_LOW_HALF + " OTHER", HIGH + " OTHER");
    }
}
