package org.peerjournal.app.integrity;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/** A stored checkpoint as the auditor endpoints show it: its fields, when it was signed, and the signed note. */
public record CheckpointView(String origin, long treeSize, String rootHash, Instant signedAt, String signedNote) {

    public static Optional<CheckpointView> latest(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select signed_note, created_at from checkpoint"
                        + " order by tree_size desc limit 1")) {
            if (!row.next()) {
                return Optional.empty();
            }
            String note = row.getString(1);
            Checkpoint checkpoint = SignedNote.parse(note).checkpoint();
            return Optional.of(new CheckpointView(checkpoint.origin(), checkpoint.treeSize(),
                    JournalIntegrity.base64(checkpoint.rootHash()), row.getTimestamp(2).toInstant(), note));
        }
    }
}
