package db.migration.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fills {@code note_fact} (V17) from the note events stored before it existed, in their order; from then on the
 * command side writes it with each note event. Reads the events only: the event table is never changed.
 */
public class V17_1__Note_facts_from_stored_events extends BaseJavaMigration {

    private static final String EVENTS = "org.peerjournal.shared.journal.event.";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        Map<String, Fact> facts = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("select aggregate_identifier, payload_type,"
                + " payload from domain_event_entry where payload_type in (?, ?, ?) order by global_index")) {
            select.setString(1, EVENTS + "ContactNoteRecordedEvent");
            select.setString(2, EVENTS + "ContactNoteCorrectedEvent");
            select.setString(3, EVENTS + "ContactNoteRetractedEvent");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    apply(facts, rows.getString(1), rows.getString(2), JSON.readTree(rows.getBytes(3)));
                }
            }
        }
        insert(connection, facts);
    }

    private static void apply(Map<String, Fact> facts, String journalId, String type, JsonNode event)
            throws IOException {
        String noteId = event.get("noteId").asText();
        if (type.endsWith("ContactNoteRecordedEvent")) {
            facts.put(noteId, new Fact(journalId, event.get("authorId").asText(), 1, false));
        } else if (type.endsWith("ContactNoteCorrectedEvent")) {
            facts.computeIfPresent(noteId, (id, fact) -> fact.withRevision(event.get("revision").asInt()));
        } else {
            facts.computeIfPresent(noteId, (id, fact) -> fact.asRetracted());
        }
    }

    private static void insert(Connection connection, Map<String, Fact> facts) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into note_fact"
                + " (note_id, journal_id, author_id, revision, retracted) values (?, ?, ?, ?, ?)")) {
            int batched = 0;
            for (Map.Entry<String, Fact> entry : facts.entrySet()) {
                Fact fact = entry.getValue();
                insert.setString(1, entry.getKey());
                insert.setString(2, fact.journalId());
                insert.setString(3, fact.authorId());
                insert.setInt(4, fact.revision());
                insert.setBoolean(5, fact.retracted());
                insert.addBatch();
                if (++batched % 1_000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private record Fact(String journalId, String authorId, int revision, boolean retracted) {

        Fact withRevision(int newRevision) {
            return new Fact(journalId, authorId, newRevision, retracted);
        }

        Fact asRetracted() {
            return new Fact(journalId, authorId, revision, true);
        }
    }
}
