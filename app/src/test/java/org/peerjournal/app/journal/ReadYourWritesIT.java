package org.peerjournal.app.journal;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.RolledBackAppend;
import org.peerjournal.query.consistency.ProjectionCatchUp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read your own writes (docs/consistency.md): a read that follows a 2xx on the same node shows that write, with no
 * waiting or retrying by the client. Every read here comes right after the write it checks, without Awaitility;
 * the loops repeat it, since a read that only sometimes races ahead of the projection would pass once by luck.
 */
class ReadYourWritesIT extends ApiIntegrationTest {

    private static final int ROUNDS = 10;

    @Autowired
    private ProjectionCatchUp catchUp;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private PlatformTransactionManager transactionManager;

    @Test
    void aJustOpenedJournalHasATimelineAndIsInTheTeamsList() {
        for (int round = 0; round < ROUNDS; round++) {
            String journalId = journals.openNorthJournal();

            ApiResponse timeline = journals.timeline("clara", journalId, "");
            assertThat(timeline.status()).as(timeline.toString()).isEqualTo(200);
            assertThat(timeline.body().get("totalEntries").asInt()).isZero();
            assertThat(journalInList(journalId)).isNotNull();
        }
    }

    @Test
    void aJustRecordedNoteIsInTheNextTimelineRead() {
        String journalId = journals.openNorthJournal();
        for (int round = 1; round <= ROUNDS; round++) {
            String noteId = journals.recordNote(journalId, "Note " + round);

            JsonNode timeline = journals.timeline("clara", journalId, "").body();
            assertThat(timeline.get("totalEntries").asInt()).isEqualTo(round);
            assertThat(timeline.get("entries").findValuesAsText("entryId")).contains(noteId);
        }
    }

    /**
     * A journal write whose transaction rolled back is not one of this node's writes: had its position been
     * recorded, it would be a gap no projection ever fills, and every read on this node would wait its full read
     * wait for it and then answer without being sure it shows this node's writes.
     */
    @Test
    void aWriteThatRolledBackIsNotAwaitedByReads() {
        String journalId = journals.openNorthJournal();

        RolledBackAppend.append(transactionManager, eventStore, journalId, 1);
        String noteId = journals.recordNote(journalId, "After the rollback");

        assertThat(catchUp.awaitLocalWrites("timeline")).as("the timeline reached every write of this node").isTrue();
        assertThat(journals.timeline("clara", journalId, "").body().get("entries").findValuesAsText("entryId"))
                .containsExactly(noteId);
    }

    @Test
    void aJustMadeCorrectionAndRetractionAreInTheNextTimelineRead() {
        String journalId = journals.openNorthJournal();
        String noteId = journals.recordNote(journalId, "First wording");

        journals.correctNote(journalId, noteId, "Second wording", "Clearer");
        JsonNode entry = journals.timeline("clara", journalId, "").body().get("entries").get(0);
        assertThat(entry.get("revision").asInt()).isEqualTo(2);
        assertThat(entry.get("text").asText()).isEqualTo("Second wording");

        journals.retractNote("anna", journalId, noteId, "Wrong journal");
        assertThat(journals.timeline("clara", journalId, "").body().get("totalEntries").asInt()).isZero();
        assertThat(journals.timeline("clara", journalId, "includeRetracted=true").body()
                .get("entries").get(0).get("status").asText()).isEqualTo("RETRACTED");
    }

    @Test
    void aJustRaisedEscalationIsInTheNextQueueOverviewAndTimelineRead() {
        String journalId = journals.openNorthJournal();
        int openBefore = overview().get("openEscalations").asInt();

        String escalationId = journals.raiseEscalation(journalId, "ROUTINE").body().get("escalationId").asText();

        ApiResponse queue = as("clara").getAllPages("/api/escalations?teamId=north");
        assertThat(queue.body().findValuesAsText("escalationId")).contains(escalationId);
        assertThat(overview().get("openEscalations").asInt()).isEqualTo(openBefore + 1);
        assertThat(journalInList(journalId).get("openEscalations").asInt()).isEqualTo(1);
        assertThat(journals.timeline("clara", journalId, "types=ESCALATION").body().get("totalEntries").asInt())
                .isEqualTo(1);
    }

    @Test
    void aJustFlaggedConflictIsInTheNextOverviewAndTimelineRead() {
        String journalId = journals.openNorthJournal();
        int openBefore = overview().get("openLoyaltyConflicts").asInt();

        ApiResponse flagged = as("anna").post("/api/journals/" + journalId + "/loyalty-conflicts", conflict());
        assertThat(flagged.status()).as(flagged.toString()).isEqualTo(201);

        assertThat(overview().get("openLoyaltyConflicts").asInt()).isEqualTo(openBefore + 1);
        assertThat(journalInList(journalId).get("openLoyaltyConflicts").asInt()).isEqualTo(1);
        assertThat(journals.timeline("clara", journalId, "types=LOYALTY_CONFLICT").body().get("totalEntries")
                .asInt()).isEqualTo(1);
    }

    private JsonNode overview() {
        ApiResponse response = as("david").get("/api/teams/north/overview");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    private JsonNode journalInList(String journalId) {
        for (JsonNode journal : as("clara").getAllPages("/api/journals?teamId=north").body()) {
            if (journal.get("journalId").asText().equals(journalId)) {
                return journal;
            }
        }
        return null;
    }

    private static Map<String, Object> conflict() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "MEDICATION");
        body.put("description", "Maria wants to stop her antipsychotic.");
        body.put("patientPerspective", "The side effects stop her from working.");
        body.put("staffPerspective", "The care plan says to continue until the review.");
        body.put("supervisionRequested", true);
        return body;
    }
}
