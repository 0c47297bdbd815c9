package org.peerjournal.query.directory;

import org.peerjournal.shared.journal.ContactType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The monthly contact rollup ({@code contact_month}, migration V10): per journal and calendar month one row, with a
 * count and a minutes column per contact type, named after the type. Kept by the contact report projection as
 * notes are recorded and retracted; read by the contact report for the whole months of its window.
 *
 * <p>Plain SQL rather than an entity: the columns follow {@link ContactType} ({@link ContactMonthColumns}), and an
 * increment in place needs no read first.
 *
 * <p>Within a transaction (a processor's batch of events) the changes are added up per row and written just before
 * it commits: where a batch holds several notes of one journal and month (a replay of a store whose journals got
 * their notes in runs), one statement each before. Nothing reads the rollup within the batch that writes it (the
 * report reads it in a query's own transaction). H2 spends about 40 µs on each row change however the statements
 * come (ADR 0008).
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
        Row row = new Row(contact.journalId(), CalendarMonth.of(contact.occurredAt()).key(), contact.teamId(),
                contact.contactType());
        Change change = new Change(contacts, minutes);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            changesOfThisTransaction().merge(row, change, Change::plus);
        } else {
            write(Map.of(row, change));
        }
    }

    /** The changes this transaction has made so far, written before it commits and forgotten after. */
    @SuppressWarnings("unchecked")
    private Map<Row, Change> changesOfThisTransaction() {
        Map<Row, Change> changes = (Map<Row, Change>) TransactionSynchronizationManager.getResource(this);
        if (changes == null) {
            Map<Row, Change> started = new LinkedHashMap<>();
            TransactionSynchronizationManager.bindResource(this, started);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    write(started);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResource(ContactMonths.this);
                }
            });
            changes = started;
        }
        return changes;
    }

    /** Adds each change to its row, inserting the row where there is none yet. */
    private void write(Map<Row, Change> changes) {
        changes.forEach((row, change) -> {
            String count = ContactMonthColumns.contacts(row.type());
            String total = ContactMonthColumns.minutes(row.type());
            int updated = jdbc.update("update " + ContactMonthColumns.TABLE + " set " + count + " = " + count
                            + " + ?, " + total + " = " + total + " + ? where journal_id = ? and calendar_month = ?",
                    change.contacts(), change.minutes(), row.journalId(), row.month());
            if (updated == 0) {
                jdbc.update("insert into " + ContactMonthColumns.TABLE + " (journal_id, calendar_month, team_id, "
                                + count + ", " + total + ") values (?, ?, ?, ?, ?)", row.journalId(), row.month(),
                        row.teamId(), change.contacts(), change.minutes());
            }
        });
    }

    /** One type's columns of one row of the rollup. */
    private record Row(UUID journalId, int month, String teamId, ContactType type) {
    }

    private record Change(int contacts, int minutes) {

        Change plus(Change other) {
            return new Change(contacts + other.contacts, minutes + other.minutes);
        }
    }
}
