package org.peerjournal.app.journal;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JournalFlowIT extends ApiIntegrationTest {

    @Test
    void aRecordedNoteAppearsInTheTimelineWithinASecond() {
        String journalId = journals.openNorthJournal();
        String noteId = journals.recordNote(journalId, "Talked about the week ahead.");

        ApiResponse timeline = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(1))
                .until(() -> journals.timeline("clara", journalId, ""),
                        r -> r.status() == 200 && r.body().get("totalEntries").asInt() == 1);

        JsonNode entry = timeline.body().get("entries").get(0);
        assertThat(entry.get("entryId").asText()).isEqualTo(noteId);
        assertThat(entry.get("type").asText()).isEqualTo("NOTE");
        assertThat(entry.get("author").asText()).isEqualTo("anna");
        assertThat(entry.get("text").asText()).isEqualTo("Talked about the week ahead.");
        assertThat(entry.get("revision").asInt()).isEqualTo(1);
    }

    @Test
    void correctionKeepsTheOriginalText() {
        String journalId = journals.openNorthJournal();
        String noteId = journals.recordNote(journalId, "Met at the ward.");

        ApiResponse corrected = as("anna").post("/api/journals/" + journalId + "/notes/" + noteId + "/corrections",
                Map.of("text", "Met at the day centre.", "reason", "Wrong place written"));

        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
        assertThat(corrected.body().get("revision").asInt()).isEqualTo(2);
        // Until the projection has the journal the timeline answers 404, and until it has the note, no entries.
        JsonNode entry = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> journals.timeline("clara", journalId, ""),
                        r -> r.status() == 200 && r.body().get("entries").path(0).path("revision").asInt() == 2)
                .body().get("entries").get(0);
        assertThat(entry.get("text").asText()).isEqualTo("Met at the day centre.");
        assertThat(entry.get("revisions")).hasSize(2);
        assertThat(entry.get("revisions").get(0).get("text").asText()).isEqualTo("Met at the ward.");
        assertThat(entry.get("revisions").get(1).get("reason").asText()).isEqualTo("Wrong place written");
        assertThat(entry.get("revisions").get(1).get("author").asText()).isEqualTo("anna");
    }
}
