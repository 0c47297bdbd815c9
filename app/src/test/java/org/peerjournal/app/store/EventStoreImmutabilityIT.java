package org.peerjournal.app.store;

import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database refuses to rewrite history: plain JDBC through the application's own account can neither update,
 * delete nor truncate the append-only tables, nor drop the triggers that refuse it to everyone else.
 */
class EventStoreImmutabilityIT extends ApiIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void anUpdateOfAStoredEventIsRefused() throws SQLException {
        String journalId = journals.openNorthJournal();
        journals.recordNote(journalId, "Original text.");

        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "update domain_event_entry set payload_type = 'forged' where aggregate_identifier = ?")) {
            update.setString(1, journalId);
            // Refused twice over: the application's account has no UPDATE right, and the trigger refuses anyone.
            assertThatThrownBy(update::executeUpdate).isInstanceOf(SQLException.class);
        }
        assertThat(eventCount(journalId, "payload_type <> 'forged'")).isEqualTo(2);
    }

    @Test
    void aDeleteOfAStoredEventIsRefused() throws SQLException {
        String journalId = journals.openNorthJournal();
        journals.recordNote(journalId, "Note that must stay.");

        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "delete from domain_event_entry where aggregate_identifier = ?")) {
            delete.setString(1, journalId);
            assertThatThrownBy(delete::executeUpdate).isInstanceOf(SQLException.class);
        }
        assertThat(eventCount(journalId, "1 = 1")).isEqualTo(2);
    }

    @Test
    void theApplicationsAccountCanNeitherRewriteNorTruncateTheAppendOnlyTablesNorDropTheirGuards()
            throws SQLException {
        journals.recordNote(journals.openNorthJournal(), "Guarded.");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(connection.getMetaData().getUserName()).isEqualTo("PEERJOURNAL_APP");
            Map<String, String> aColumn = Map.of("domain_event_entry", "global_index", "event_chain", "chain_seq",
                    "merkle_leaf", "tree_index", "checkpoint", "tree_size", "signing_public_key", "key_name");
            for (String table : AppAccountGrants.APPEND_ONLY) {
                assertThatThrownBy(() -> statement.executeUpdate("update " + table + " set " + aColumn.get(table)
                        + " = " + aColumn.get(table))).as(table).isInstanceOf(SQLException.class)
                        .hasMessageContaining("Not enough rights");
                assertThatThrownBy(() -> statement.executeUpdate("delete from " + table)).as(table)
                        .isInstanceOf(SQLException.class).hasMessageContaining("Not enough rights");
                assertThatThrownBy(() -> statement.executeUpdate("truncate table " + table)).as(table)
                        .isInstanceOf(SQLException.class).hasMessageContaining("Not enough rights");
            }
            assertThatThrownBy(() -> statement.execute("drop trigger domain_event_entry_refuse_update"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> statement.execute("alter user peerjournal_app admin true"))
                    .isInstanceOf(SQLException.class);
        }
        assertThat(eventCount("%", "1 = 1")).isPositive();
    }

    private int eventCount(String journalId, String condition) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "select count(*) from domain_event_entry where aggregate_identifier like ? and " + condition)) {
            count.setString(1, journalId);
            var result = count.executeQuery();
            result.next();
            return result.getInt(1);
        }
    }
}
