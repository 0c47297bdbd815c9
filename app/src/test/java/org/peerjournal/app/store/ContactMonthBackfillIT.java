package org.peerjournal.app.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.EmbeddedPostgresStore;
import org.peerjournal.app.support.StoreMigrations;
import org.peerjournal.shared.journal.ContactType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration V10 creates the monthly contact rollup and fills it from the contacts already projected, so a store
 * upgraded with data answers the contact report as before. The months are UTC months whatever the database
 * session's time zone (the projection computes them in UTC too), on H2 and on PostgreSQL. Every contact type has
 * its two columns: adding a type without a migration fails here, not in production.
 */
class ContactMonthBackfillIT {

    private static final String SESSION_ZONE = "America/New_York";
    private static final UUID JOURNAL = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID OTHER_JOURNAL = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    @TempDir
    Path dataDir;

    @Test
    void fillsTheRollupFromTheContactsOnH2() {
        String url = "jdbc:h2:file:" + dataDir.resolve("peerjournal") + ";TIME ZONE=" + SESSION_ZONE;
        assertBackfill(new DriverManagerDataSource(url, "sa", ""), "h2");
    }

    @Test
    void fillsTheRollupFromTheContactsOnPostgresql() {
        assertBackfill(EmbeddedPostgresStore.freshDataSource("-c%20TimeZone=" + SESSION_ZONE), "postgresql");
    }

    private static void assertBackfill(DataSource dataSource, String vendor) {
        migrate(dataSource, vendor, "9");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        contact(jdbc, JOURNAL, "HOME_VISIT", "2025-01-31T23:59:59.999Z", 30, false);
        contact(jdbc, JOURNAL, "HOME_VISIT", "2025-02-01T00:00:00Z", 45, false);
        contact(jdbc, JOURNAL, "HOME_VISIT", "2025-02-28T23:30:00Z", 15, false);
        contact(jdbc, JOURNAL, "PHONE_OR_VIDEO", "2025-02-10T12:00:00Z", 20, false);
        contact(jdbc, JOURNAL, "PHONE_OR_VIDEO", "2025-02-11T12:00:00Z", 25, true);
        contact(jdbc, JOURNAL, "OTHER", "2025-12-31T23:00:00Z", 5, false);
        contact(jdbc, OTHER_JOURNAL, "GROUP_SESSION", "2026-01-01T00:00:00Z", 60, false);

        migrate(dataSource, vendor, "latest");

        List<String> columns = jdbc.queryForList("select lower(column_name) from information_schema.columns"
                + " where lower(table_name) = 'contact_month'", String.class);
        for (ContactType type : ContactType.values()) {
            String prefix = type.name().toLowerCase(Locale.ROOT);
            assertThat(columns).as("the rollup's columns for " + type + " (a new type needs a migration)")
                    .contains(prefix + "_contacts", prefix + "_minutes");
        }

        List<String> months = jdbc.query("select journal_id, calendar_month, team_id, home_visit_contacts,"
                        + " home_visit_minutes, phone_or_video_contacts, phone_or_video_minutes, other_contacts,"
                        + " other_minutes, group_session_contacts, group_session_minutes, individual_conversation_contacts"
                        + " from contact_month order by journal_id, calendar_month",
                (rs, row) -> rs.getObject(1, UUID.class).toString().substring(35) + " " + rs.getInt(2) + " "
                        + rs.getString(3) + " HV " + rs.getInt(4) + "/" + rs.getLong(5) + " PV " + rs.getInt(6) + "/"
                        + rs.getLong(7) + " OT " + rs.getInt(8) + "/" + rs.getLong(9) + " GS " + rs.getInt(10) + "/"
                        + rs.getLong(11) + " IC " + rs.getInt(12));
        assertThat(months).as(vendor).containsExactly(
                "a 202501 north HV 1/30 PV 0/0 OT 0/0 GS 0/0 IC 0",
                "a 202502 north HV 2/60 PV 1/20 OT 0/0 GS 0/0 IC 0",
                "a 202512 north HV 0/0 PV 0/0 OT 1/5 GS 0/0 IC 0",
                "b 202601 north HV 0/0 PV 0/0 OT 0/0 GS 1/60 IC 0");
    }

    private static void migrate(DataSource dataSource, String vendor, String target) {
        StoreMigrations.flyway(vendor).dataSource(dataSource).target(target).load().migrate();
    }

    private static void contact(JdbcTemplate jdbc, UUID journalId, String type, String occurredAt, int minutes,
            boolean retracted) {
        jdbc.update("insert into contact_entry (note_id, journal_id, team_id, worker_id, contact_type, occurred_at,"
                        + " duration_minutes, retracted) values (?, ?, 'north', 'anna', ?, ?, ?, ?)",
                UUID.randomUUID(), journalId, type, Instant.parse(occurredAt).atOffset(ZoneOffset.UTC), minutes, retracted);
    }
}
