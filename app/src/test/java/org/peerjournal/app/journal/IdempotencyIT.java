package org.peerjournal.app.journal;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
import static org.peerjournal.app.support.ProblemAssertions.assertProblem;

class IdempotencyIT extends ApiIntegrationTest {

    /** The answers to one note that anna sends twice with one key. */
    private record Attempts(ApiResponse first, ApiResponse retry) {
    }

    @Test
    void aRepeatedNoteWithTheSameKeyAnswersTheFirstAnswerAndRecordsNothingNew() {
        String journalId = journals.openNorthJournal();

        Attempts attempts = sameNoteTwice(journalId, journalId, "Phone call about the appointment.");

        assertThat(attempts.first().status()).isEqualTo(201);
        assertThat(attempts.retry().status()).isEqualTo(201);
        assertThat(attempts.retry().body()).isEqualTo(attempts.first().body());
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

    @Test
    void aRetryThatSpellsTheIdsInUpperCaseIsTheSameRequest() {
        String journalId = journals.openNorthJournal();

        Attempts attempts = sameNoteTwice(journalId, journalId.toUpperCase(), "Phone call, spelled twice.");

        assertThat(attempts.retry().status()).as(attempts.retry().toString()).isEqualTo(201);
        assertThat(attempts.retry().body()).isEqualTo(attempts.first().body());
    }

    @Test
    void theSameKeyForAnotherJournalIsAConflict() {
        Attempts attempts = sameNoteTwice(journals.openNorthJournal(), journals.openNorthJournal(),
                "Same words, other patient.");

        assertThat(attempts.first().status()).isEqualTo(201);
        assertProblem(attempts.retry(), 409);
    }

    @Test
    void aKeyOf200CharactersIsAccepted() {
        String journalId = journals.openNorthJournal();

        ApiResponse response = as("anna").withHeader("Idempotency-Key", "k".repeat(200))
                .post("/api/journals/" + journalId + "/notes", JournalApi.note("The longest key."));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    @Test
    void aKeyOf201CharactersIsRefusedNamingTheHeader() {
        String journalId = journals.openNorthJournal();

        ApiResponse response = as("anna").withHeader("Idempotency-Key", "k".repeat(201))
                .post("/api/journals/" + journalId + "/notes", JournalApi.note("A key too long."));

        JsonNode problem = assertProblem(response, 400);
        assertThat(problem.get("errors").toString())
                .isEqualTo("[{\"field\":\"Idempotency-Key\",\"message\":\"size must be between 1 and 200\"}]");
    }

    @Test
    void aKeyTooLongIsReportedTogetherWithTheBodysErrorsInTheCallersLanguage() {
        String journalId = journals.openNorthJournal();

        ApiResponse response = as("anna").withHeader("Idempotency-Key", "k".repeat(201))
                .withHeader("Accept-Language", "de")
                .post("/api/journals/" + journalId + "/notes", JournalApi.note(" "));

        JsonNode problem = assertProblem(response, 400);
        assertThat(problem.get("errors").toString()).isEqualTo(
                "[{\"field\":\"text\",\"message\":\"darf nicht leer sein\"},"
                + "{\"field\":\"Idempotency-Key\",\"message\":\"Größe muss zwischen 1 und 200 sein\"}]");
    }

    /** Every command controller checks the key; the body is empty, so its errors come first. */
    @ParameterizedTest
    @ValueSource(strings = {"", "/escalations", "/loyalty-conflicts"})
    void everyCommandControllerChecksTheKeysLength(String collection) {
        String journalId = journals.openNorthJournal();
        String path = collection.isEmpty() ? "/api/journals" : "/api/journals/" + journalId + collection;

        ApiResponse response = as(collection.isEmpty() ? "david" : "anna").withHeader("Idempotency-Key", "")
                .post(path, Map.of());

        JsonNode problem = assertProblem(response, 400);
        assertThat(problem.get("errors").get(problem.get("errors").size() - 1).toString())
                .isEqualTo("{\"field\":\"Idempotency-Key\",\"message\":\"size must be between 1 and 200\"}");
    }

    private Attempts sameNoteTwice(String journalId, String retryJournalId, String text) {
        ApiClient anna = as("anna").withHeader("Idempotency-Key", UUID.randomUUID().toString());
        Map<String, Object> note = JournalApi.note(text);
        ApiResponse first = anna.post("/api/journals/" + journalId + "/notes", note);
        return new Attempts(first, anna.post("/api/journals/" + retryJournalId + "/notes", note));
    }
}
