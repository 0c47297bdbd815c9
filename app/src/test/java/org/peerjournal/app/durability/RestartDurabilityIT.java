package org.peerjournal.app.durability;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.PeerJournalApplication;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
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
        try (ConfigurableApplicationContext app = start()) {
            JournalApi journals = new JournalApi(client(app));
            journalId = journals.openNorthJournal();
            noteId = journals.recordNote(journalId, "First meeting.");
            journals.as("anna").post("/api/journals/" + journalId + "/notes/" + noteId + "/corrections",
                    Map.of("text", "First meeting, at the ward.", "reason", "Place added"));
            firstAnswer = journals.as("anna").withHeader("Idempotency-Key", "visit-1")
                    .post("/api/journals/" + journalId + "/notes", note);
            assertThat(firstAnswer.status()).isEqualTo(201);
            journals.awaitTimelineEntries(journalId, "", 2);
        }

        try (ConfigurableApplicationContext app = start()) {
            JournalApi journals = new JournalApi(client(app));
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
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PeerJournalApplication.class)
                .properties("server.port=0", "peerjournal.data-dir=" + dataDir)
                .run();
    }

    private static ApiClient client(ConfigurableApplicationContext app) {
        return ApiClient.anonymous("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
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
