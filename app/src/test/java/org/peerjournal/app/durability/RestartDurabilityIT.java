package org.peerjournal.app.durability;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.StandaloneApp;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The application stopped and started again on the same data directory forgets nothing. */
class RestartDurabilityIT {

    @TempDir
    Path dataDir;

    @Test
    void journalsNotesAndIdempotencyKeysSurviveARestart() {
        String journalId;
        String noteId;
        ApiResponse firstAnswer;
        Map<String, Object> note = JournalApi.note("Accompanied to the housing office.");
        try (StandaloneApp app = StandaloneApp.start(dataDir)) {
            JournalApi journals = app.journals();
            journalId = journals.openNorthJournal();
            noteId = journals.recordNote(journalId, "First meeting.");
            journals.as("anna").post("/api/journals/" + journalId + "/notes/" + noteId + "/corrections",
                    Map.of("text", "First meeting, at the ward.", "reason", "Place added"));
            firstAnswer = journals.as("anna").withHeader("Idempotency-Key", "visit-1")
                    .post("/api/journals/" + journalId + "/notes", note);
            assertThat(firstAnswer.status()).as(firstAnswer.toString()).isEqualTo(201);
            journals.awaitTimelineEntries(journalId, "", 2);
        }

        try (StandaloneApp app = StandaloneApp.start(dataDir)) {
            JournalApi journals = app.journals();
            ApiResponse timeline = journals.awaitTimelineEntries(journalId, "", 2);
            JsonNode corrected = entry(timeline, noteId);
            assertThat(corrected.get("revision").asInt()).isEqualTo(2);
            assertThat(corrected.get("revisions").get(0).get("text").asText()).isEqualTo("First meeting.");

            ApiResponse retry = journals.as("anna").withHeader("Idempotency-Key", "visit-1")
                    .post("/api/journals/" + journalId + "/notes", note);
            assertThat(retry.status()).isEqualTo(201);
            assertThat(retry.body()).isEqualTo(firstAnswer.body());

            // The aggregate state came back too: the original author may still correct, the sequence continues.
            ApiResponse again = journals.as("anna").post("/api/journals/" + journalId + "/notes/" + noteId
                    + "/corrections", Map.of("text", "First meeting, at the ward, 30 min.", "reason", "Duration"));
            assertThat(again.body().get("revision").asInt()).isEqualTo(3);
            journals.awaitTimelineEntries(journalId, "", 2);

            // One value of the global index per stored event (journal events and read events alike), across the
            // restart: no gaps for the tracking processors to wait out.
            List<Long> globalIndexes = app.bean(JdbcTemplate.class)
                    .queryForList("select global_index from domain_event_entry order by global_index", Long.class);
            assertThat(globalIndexes).hasSizeGreaterThanOrEqualTo(5);
            assertThat(globalIndexes.get(globalIndexes.size() - 1) - globalIndexes.get(0))
                    .as("gap-free %s", globalIndexes).isEqualTo(globalIndexes.size() - 1);
        }
    }

    private static JsonNode entry(ApiResponse timeline, String entryId) {
        for (JsonNode entry : timeline.body().get("entries")) {
            if (entry.get("entryId").asText().equals(entryId)) {
                return entry;
            }
        }
        throw new AssertionError("No entry " + entryId + " in " + timeline);
    }
}
