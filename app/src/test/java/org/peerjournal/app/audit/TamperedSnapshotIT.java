package org.peerjournal.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventsourcing.Snapshotter;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Snapshots are a cache outside the chain (docs/integrity.md): a snapshot rewritten in the database changes neither
 * what the audit views report (they rebuild from the events) nor what the full verification finds (it reads the
 * event table only).
 */
class TamperedSnapshotIT extends ApiIntegrationTest {

    private static final String JOURNAL_AGGREGATE = "org.peerjournal.command.journal.Journal";

    @Autowired
    Snapshotter snapshotter;
    @Autowired
    DataSource dataSource;

    @Test
    void aTamperedSnapshotChangesNeitherTheAuditViewsNorTheVerification() throws Exception {
        String journalId = journals.openNorthJournal();
        journals.recordNote(journalId, "Talked about the week ahead.");
        journals.raiseEscalation(journalId, "URGENT");
        journals.recordNote(journalId, "Went to the housing office together.");
        AuditApi audit = new AuditApi(anonymous);
        Instant asOf = Instant.now();
        JsonNode timeline = audit.timelineAsOf(journalId, asOf);
        List<JsonNode> events = audit.events(journalId);
        JsonNode report = audit.ok(journalId, AuditApi.INCIDENT_REPORT, "");

        // The snapshot the next threshold would take, taken now; then rewritten by whoever can write the table
        // (the application's own account can: Axon replaces snapshots).
        snapshotter.scheduleSnapshot(Class.forName(JOURNAL_AGGREGATE), journalId);
        String snapshot = await().atMost(Duration.ofSeconds(15)).until(() -> snapshotPayload(journalId),
                payload -> payload != null);
        assertThat(snapshot).contains("\"north\"");
        assertThat(rewriteSnapshot(journalId, snapshot.replace("\"north\"", "\"south\""))).isEqualTo(1);
        assertThat(snapshotPayload(journalId)).contains("\"south\"");
        Instant tamperedAt = Instant.now();

        assertThat(audit.timelineAsOf(journalId, asOf)).isEqualTo(timeline);
        assertThat(audit.events(journalId)).isEqualTo(events);
        JsonNode reportAfter = audit.ok(journalId, AuditApi.INCIDENT_REPORT, "");
        for (String part : List.of("teamId", "escalations", "notes", "loyaltyConflicts")) {
            assertThat(reportAfter.get(part)).as(part).isEqualTo(report.get(part));
        }
        assertThat(reportAfter.get("teamId").asText()).isEqualTo("north");

        JsonNode run = await().atMost(Duration.ofSeconds(60)).until(() -> as("eva").get("/api/audit/integrity").body(),
                body -> body.get("status").asText().equals("DONE")
                        && Instant.parse(body.get("startedAt").asText()).isAfter(tamperedAt));
        assertThat(run.get("discrepancies")).as(run.toString()).isEmpty();
        assertThat(run.get("intact").asBoolean()).isTrue();
    }

    private String snapshotPayload(String journalId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select payload from snapshot_event_entry where aggregate_identifier = ?")) {
            select.setString(1, journalId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new String(row.getBytes(1), StandardCharsets.UTF_8) : null;
            }
        }
    }

    private int rewriteSnapshot(String journalId, String payload) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "update snapshot_event_entry set payload = ? where aggregate_identifier = ?")) {
            update.setBytes(1, payload.getBytes(StandardCharsets.UTF_8));
            update.setString(2, journalId);
            return update.executeUpdate();
        }
    }
}
