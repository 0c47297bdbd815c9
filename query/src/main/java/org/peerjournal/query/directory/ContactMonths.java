package org.peerjournal.query.directory;

import org.peerjournal.shared.journal.ContactType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * The monthly contact rollup ({@code contact_month}, migration V10): per journal and calendar month one row, with a
 * count and a minutes column per contact type, named after the type. Kept by the contact report projection as
 * notes are recorded and retracted; read by the contact report for the whole months of its window.
 *
 * <p>Plain SQL rather than an entity: the columns follow {@link ContactType} ({@link ContactMonthColumns}), and an
 * increment in place needs no read first.
 */
@Component
class ContactMonths {

    private static final String TYPE_COLUMNS = ContactMonthColumns.all();

    private final JdbcTemplate jdbc;

    ContactMonths(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void count(ContactEntryRecord contact) {
        change(contact, 1, contact.durationMinutes());
    }

    void uncount(ContactEntryRecord contact) {
        change(contact, -1, -contact.durationMinutes());
    }

    /** Adds the team's contacts of the months in [from, until) to the tallies. */
    void addTo(ContactTallies tallies, String teamId, CalendarMonth from, CalendarMonth until) {
        ContactType[] types = ContactType.values();
        jdbc.query("select journal_id, " + TYPE_COLUMNS + " from " + ContactMonthColumns.TABLE
                        + " where team_id = ? and calendar_month >= ? and calendar_month < ?",
                rs -> {
                    UUID journalId = rs.getObject(1, UUID.class);
                    for (int i = 0; i < types.length; i++) {
                        long contacts = rs.getLong(2 + 2 * i);
                        if (contacts != 0) {
                            tallies.add(journalId, types[i], contacts, rs.getLong(3 + 2 * i));
                        }
                    }
                },
                teamId, from.key(), until.key());
    }

    private void change(ContactEntryRecord contact, int contacts, int minutes) {
        int month = CalendarMonth.of(contact.occurredAt()).key();
        String count = ContactMonthColumns.contacts(contact.contactType());
        String total = ContactMonthColumns.minutes(contact.contactType());
        int updated = jdbc.update("update " + ContactMonthColumns.TABLE + " set " + count + " = " + count + " + ?, " + total + " = "
                        + total + " + ? where journal_id = ? and calendar_month = ?",
                contacts, minutes, contact.journalId(), month);
        if (updated == 0) {
            jdbc.update("insert into " + ContactMonthColumns.TABLE + " (journal_id, calendar_month, team_id, " + count + ", " + total
                    + ") values (?, ?, ?, ?, ?)", contact.journalId(), month, contact.teamId(), contacts, minutes);
        }
    }
}
