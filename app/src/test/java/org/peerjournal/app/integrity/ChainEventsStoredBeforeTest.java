package org.peerjournal.app.integrity;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.StoreMigrations;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A store from before hash chains gets its stored events chained by migration V12_4, and then verifies. */
class ChainEventsStoredBeforeTest {

    @TempDir
    Path dataDir;

    @Test
    void eventsStoredBeforeTheChainsAreChainedOnTheFirstMigration() throws Exception {
        String url = "jdbc:h2:file:" + dataDir.resolve("peerjournal");
        flyway(url, "10").migrate(); // the last version before the chains (V12_1)
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                PreparedStatement insert = connection.prepareStatement("insert into domain_event_entry (global_index,"
                        + " event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,"
                        + " payload, meta_data) values (?, ?, ?, ?, ?, '2026-01-01T00:00:00Z', 'Old', ?, ?)")) {
            Object[][] rows = {{1, "e1", "journal-1", 0, "Journal", "anna"}, {2, "e2", "journal-1", 1, "Journal", "anna"},
                    {3, "e3", "e3", 0, null, "clara"}};
            for (Object[] row : rows) {
                insert.setLong(1, ((Integer) row[0]).longValue());
                insert.setString(2, (String) row[1]);
                insert.setString(3, (String) row[2]);
                insert.setLong(4, ((Integer) row[3]).longValue());
                insert.setString(5, (String) row[4]);
                insert.setBytes(6, "{}".getBytes(StandardCharsets.UTF_8));
                insert.setBytes(7, ("{\"actorUserId\":\"" + row[5] + "\",\"actorRole\":\"PSW\"}")
                        .getBytes(StandardCharsets.UTF_8));
                insert.executeUpdate();
            }
        }

        flyway(url, "latest").migrate();

        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet chains = statement.executeQuery("select chain_id, chain_seq from event_chain"
                        + " order by global_index")) {
            List<String> positions = new java.util.ArrayList<>();
            while (chains.next()) {
                positions.add(chains.getString(1) + "#" + chains.getLong(2));
            }
            assertThat(positions).containsExactly("journal-1#0", "journal-1#1", "actor/clara#0");
            VerificationReport report = StoreVerifier.verify(connection, List.of(), List.of());
            assertThat(report.discrepancies()).isEmpty();
            assertThat(report.events()).isEqualTo(3);
        }
    }

    private static Flyway flyway(String url, String target) {
        return StoreMigrations.flyway("h2").dataSource(url, "sa", "").target(target).load();
    }
}
