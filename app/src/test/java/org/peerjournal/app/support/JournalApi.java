package org.peerjournal.app.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The journal flows tests repeat, as the demo users of api.md would perform them over HTTP. */
public final class JournalApi {

    private final ApiClient anonymous;

    public JournalApi(ApiClient anonymous) {
        this.anonymous = anonymous;
    }

    public ApiClient as(String user) {
        return anonymous.as(user);
    }

    /** Opens a journal of team north as david (TEAM_LEAD) with a unique patientRef; answers its id. */
    public String openNorthJournal() {
        return openJournal("david", "north", "P-" + UUID.randomUUID());
    }

    public String openJournal(String teamLead, String teamId, String patientRef) {
        return openJournal(as(teamLead), teamId, patientRef);
    }

    /** Opens a journal as {@code teamLead}, however that client signs in; answers its id. */
    public static String openJournal(ApiClient teamLead, String teamId, String patientRef) {
        ApiResponse response = teamLead.post("/api/journals",
                Map.of("patientRef", patientRef, "displayName", "Patient " + patientRef, "teamId", teamId));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.body().get("journalId").asText();
    }

    public static Map<String, Object> note(String text) {
        return note(text, Instant.now().minus(Duration.ofHours(1)));
    }

    public static Map<String, Object> note(String text, Instant occurredAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contactType", "INDIVIDUAL_CONVERSATION");
        body.put("occurredAt", occurredAt.toString());
        body.put("durationMinutes", 30);
        body.put("text", text);
        return body;
    }

    /** Records a note as anna (PSW, north); answers the note id. */
    public String recordNote(String journalId, String text) {
        return recordNote(journalId, note(text));
    }

    /** Records a note with this body as anna (PSW, north); answers the note id. */
    public String recordNote(String journalId, Map<String, Object> body) {
        ApiResponse response = as("anna").post("/api/journals/" + journalId + "/notes", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.body().get("noteId").asText();
    }

    /** Corrects a note as anna, its author. */
    public void correctNote(String journalId, String noteId, String text, String reason) {
        ApiResponse response = as("anna").post("/api/journals/" + journalId + "/notes/" + noteId + "/corrections",
                Map.of("text", text, "reason", reason));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    /** Retracts a note as this user (its author or the team lead). */
    public void retractNote(String user, String journalId, String noteId, String reason) {
        ApiResponse response = as(user).post("/api/journals/" + journalId + "/notes/" + noteId + "/retraction",
                Map.of("reason", reason));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    public static Map<String, Object> escalation(String severity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("category", "SUICIDE_RISK");
        body.put("severity", severity);
        body.put("description", "Said she will take her own life this weekend.");
        body.put("patientInformed", true);
        body.put("staffAlreadyInformed", java.util.List.of("nurse on duty"));
        return body;
    }

    /** Raises an escalation as anna (PSW, north); answers the response (escalationId, acknowledgeBy). */
    public ApiResponse raiseEscalation(String journalId, String severity) {
        ApiResponse response = as("anna").post("/api/journals/" + journalId + "/escalations", escalation(severity));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response;
    }

    public ApiResponse acknowledge(String user, String journalId, String escalationId, String actionTaken) {
        return as(user).post("/api/journals/" + journalId + "/escalations/" + escalationId + "/acknowledgement",
                Map.of("actionTaken", actionTaken));
    }

    public ApiResponse resolve(String user, String journalId, String escalationId, String outcome) {
        return as(user).post("/api/journals/" + journalId + "/escalations/" + escalationId + "/resolution",
                Map.of("outcome", outcome));
    }

    /**
     * Records notes of about a note's length into the journal, one after another without a pause (so the store is
     * never quiet meanwhile), until the store's {@code file} has at least {@code bytes}; answers their ids.
     */
    public List<String> recordNotesUntilTheFileHas(String journalId, Path file, long bytes) throws IOException {
        List<String> noteIds = new ArrayList<>();
        while (Files.size(file) < bytes) {
            noteIds.add(recordNote(journalId, "Note " + noteIds.size() + " of a long talk".repeat(20)));
            assertThat(noteIds).as("notes written before the file reached %d bytes", bytes).hasSizeLessThan(5_000);
        }
        return noteIds;
    }

    public ApiResponse timeline(String user, String journalId, String query) {
        return as(user).get("/api/journals/" + journalId + "/timeline" + (query.isEmpty() ? "" : "?" + query));
    }

    /** Waits until the timeline (read side) shows the given number of entries to clara. */
    public ApiResponse awaitTimelineEntries(String journalId, String query, int entries) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> timeline("clara", journalId, query),
                response -> response.status() == 200 && response.body().get("totalEntries").asInt() == entries);
    }
}
