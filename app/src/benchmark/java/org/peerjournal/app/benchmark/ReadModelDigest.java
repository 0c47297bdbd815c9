package org.peerjournal.app.benchmark;

import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the replayable read models hold, one digest per table: every row, every column, in a fixed order. Two
 * digests are equal when the tables are equal, so a replay can be checked to rebuild exactly what live processing
 * built.
 */
final class ReadModelDigest {

    /** The tables of the timeline and journal-directory projections (the replays under test). */
    static final List<String> TABLES = List.of("timeline_journal", "timeline_entry", "note_revision",
            "timeline_escalation", "timeline_conflict", "timeline_conflict_discussion", "journal_directory",
            "contact_entry", "contact_month", "conflict_entry");

    private ReadModelDigest() {
    }

    static Map<String, String> of(JdbcTemplate jdbc) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (String table : TABLES) {
            digests.put(table, digest(jdbc, table));
        }
        return digests;
    }

    private static String digest(JdbcTemplate jdbc, String table) {
        List<String> rows = new ArrayList<>();
        jdbc.query("select * from " + table, rs -> {
            ResultSetMetaData columns = rs.getMetaData();
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= columns.getColumnCount(); i++) {
                row.append(columns.getColumnName(i)).append('=').append(rs.getString(i)).append('\u0001');
            }
            rows.add(row.toString());
        });
        // Rows in no particular order from the store: sorted, the digest depends on the contents only.
        rows.sort(null);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            rows.forEach(row -> sha.update(row.getBytes(StandardCharsets.UTF_8)));
            return rows.size() + " rows " + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
