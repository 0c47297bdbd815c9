package org.peerjournal.app.store;

import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database refuses to rewrite history: plain JDBC can neither update nor delete a stored event. */
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
            assertThatThrownBy(update::executeUpdate).isInstanceOf(SQLException.class)
                    .hasMessageContaining("never updated or deleted");
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
            assertThatThrownBy(delete::executeUpdate).isInstanceOf(SQLException.class)
                    .hasMessageContaining("never updated or deleted");
        }
        assertThat(eventCount(journalId, "1 = 1")).isEqualTo(2);
    }

    private int eventCount(String journalId, String condition) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "select count(*) from domain_event_entry where aggregate_identifier = ? and " + condition)) {
            count.setString(1, journalId);
            var result = count.executeQuery();
            result.next();
            return result.getInt(1);
        }
    }
}
