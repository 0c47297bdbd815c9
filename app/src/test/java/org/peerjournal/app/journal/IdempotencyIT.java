package org.peerjournal.app.journal;

import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyIT extends ApiIntegrationTest {

    @Test
    void aRepeatedNoteWithTheSameKeyAnswersTheFirstAnswerAndRecordsNothingNew() {
        String journalId = journals.openNorthJournal();
        ApiClient anna = as("anna").withHeader("Idempotency-Key", UUID.randomUUID().toString());
        Map<String, Object> note = JournalApi.note("Phone call about the appointment.");

        ApiResponse first = anna.post("/api/journals/" + journalId + "/notes", note);
        ApiResponse repeat = anna.post("/api/journals/" + journalId + "/notes", note);

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        journals.awaitTimelineEntries(journalId, "", 1);
    }

    @Test
    void theSameKeyWithADifferentBodyIsAConflict() {
        String journalId = journals.openNorthJournal();
        ApiClient anna = as("anna").withHeader("Idempotency-Key", UUID.randomUUID().toString());

        ApiResponse first = anna.post("/api/journals/" + journalId + "/notes", JournalApi.note("First text."));
        ApiResponse other = anna.post("/api/journals/" + journalId + "/notes", JournalApi.note("Other text."));

        assertThat(first.status()).isEqualTo(201);
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.contentType()).contains("application/problem+json");
        journals.awaitTimelineEntries(journalId, "", 1);
    }

    @Test
    void aRepeatedOpeningAnswersTheSameJournal() {
        ApiClient david = as("david").withHeader("Idempotency-Key", "open-" + UUID.randomUUID());
        Map<String, String> body = Map.of("patientRef", "P-" + UUID.randomUUID(), "displayName", "Kim",
                "teamId", "north");

        ApiResponse first = david.post("/api/journals", body);
        ApiResponse repeat = david.post("/api/journals", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.body().get("journalId")).isEqualTo(first.body().get("journalId"));
        assertThat(repeat.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
    }

    @Test
    void concurrentRepeatsRecordTheNoteOnce() {
        String journalId = journals.openNorthJournal();
        ApiClient anna = as("anna").withHeader("Idempotency-Key", UUID.randomUUID().toString());
        Map<String, Object> note = JournalApi.note("Home visit, all well.");

        List<ApiResponse> responses = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(
                        () -> anna.post("/api/journals/" + journalId + "/notes", note)))
                .toList().stream().map(CompletableFuture::join).toList();

        assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.toString())
                .isEqualTo(201));
        assertThat(responses).extracting(r -> r.body().get("noteId").asText()).containsOnly(
                responses.get(0).body().get("noteId").asText());
        journals.awaitTimelineEntries(journalId, "", 1);
    }

    @Test
    void keysBelongToTheirUser() {
        String journalId = journals.openNorthJournal();
        String noteId = journals.recordNote(journalId, "Group session.");
        String key = UUID.randomUUID().toString();

        ApiResponse byAnna = as("anna").withHeader("Idempotency-Key", key).post(
                "/api/journals/" + journalId + "/notes/" + noteId + "/corrections",
                Map.of("text", "Group session, recovery group.", "reason", "More precise"));
        ApiResponse byDavid = as("david").withHeader("Idempotency-Key", key).post(
                "/api/journals/" + journalId + "/notes/" + noteId + "/retraction", Map.of("reason", "Wrong patient"));

        assertThat(byAnna.status()).isEqualTo(201);
        assertThat(byDavid.status()).as(byDavid.toString()).isEqualTo(200);
    }
}
