package org.peerjournal.app.operations;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.StandaloneApp;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconciliation check (api.md, "Operations"; architecture.md, "Silently skipped events"): events stored
 * against what the projections hold for them, per event type. A row the read side lost is reported, and
 * replaying the projection repairs it. The application runs on a store of its own, so every count is known.
 */
class ReconciliationIT {

    private static final String NOTE_RECORDED = "ContactNoteRecordedEvent";
    private static final List<String> EVENT_TYPES = List.of("ContactNoteCorrectedEvent", "ContactNoteRecordedEvent",
            "ContactNoteRetractedEvent", "JournalContentReadEvent", "JournalOpenedEvent", "JournalsShownEvent",
            "LoyaltyConflictDiscussedEvent", "LoyaltyConflictFlaggedEvent", "LoyaltyConflictResolvedEvent",
            "SafetyEscalationAcknowledgedEvent", "SafetyEscalationOverdueEvent", "SafetyEscalationRaisedEvent",
            "SafetyEscalationResolvedEvent");

    @TempDir
    Path dataDir;

    @Test
    void aProjectionRowThatGoesMissingIsReportedAndAReplayRepairsIt() {
        try (StandaloneApp app = StandaloneApp.start(dataDir)) {
            JournalApi journals = app.journals();
            AdminApi admin = new AdminApi(app.client());
            String first = journals.openNorthJournal();
            String second = journals.openNorthJournal();
            List<String> notes = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                notes.add(journals.recordNote(first, "Contact " + i + " in the first journal."));
            }
            for (int i = 1; i <= 2; i++) {
                notes.add(journals.recordNote(second, "Contact " + i + " in the second journal."));
            }
            admin.awaitCaughtUp();

            JsonNode healthy = admin.reconciliation();
            assertThat(healthy.path("consistent").asBoolean()).as(healthy.toString()).isTrue();
            assertThat(healthy.path("eventTypes").findValuesAsText("eventType"))
                    .containsExactlyElementsOf(EVENT_TYPES);
            assertThat(AdminApi.eventType(healthy, "JournalOpenedEvent").path("stored").asLong()).isEqualTo(2);
            JsonNode recorded = AdminApi.eventType(healthy, NOTE_RECORDED);
            assertThat(recorded.path("stored").asLong()).isEqualTo(notes.size());
            assertThat(recorded.path("projections")).as(recorded.toString()).hasSize(4)
                    .allSatisfy(count -> {
                        assertThat(count.path("projected").asLong()).isEqualTo(notes.size());
                        assertThat(count.path("consistent").asBoolean()).isTrue();
                    });
            assertThat(recorded.path("projections").findValuesAsText("projection"))
                    .containsExactlyInAnyOrder("journal-directory", "journal-directory", "timeline", "timeline");

            int deleted = app.bean(JdbcTemplate.class).update("delete from timeline_entry where entry_id = ?",
                    UUID.fromString(notes.get(0)));
            assertThat(deleted).isOne();

            JsonNode broken = admin.reconciliation();
            assertThat(broken.path("consistent").asBoolean()).as(broken.toString()).isFalse();
            JsonNode notesCheck = AdminApi.eventType(broken, NOTE_RECORDED);
            assertThat(notesCheck.path("consistent").asBoolean()).isFalse();
            assertThat(notesCheck.path("stored").asLong()).as("the event store is untouched").isEqualTo(notes.size());
            for (JsonNode count : notesCheck.path("projections")) {
                boolean lost = count.path("measure").asText().startsWith("timeline_entry");
                assertThat(count.path("projected").asLong()).as(count.toString())
                        .isEqualTo(lost ? notes.size() - 1 : notes.size());
                assertThat(count.path("consistent").asBoolean()).as(count.toString()).isEqualTo(!lost);
            }
            for (JsonNode check : broken.path("eventTypes")) {
                assertThat(check.path("consistent").asBoolean()).as(check.toString())
                        .isEqualTo(!NOTE_RECORDED.equals(check.path("eventType").asText()));
            }

            ApiResponse replay = admin.replay("timeline");
            assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
            admin.awaitCaughtUp();

            JsonNode repaired = admin.reconciliation();
            assertThat(repaired.path("consistent").asBoolean()).as(repaired.toString()).isTrue();
            assertThat(AdminApi.eventType(repaired, NOTE_RECORDED).path("projections").findValuesAsText("projected"))
                    .containsOnly(String.valueOf(notes.size()));
            assertThat(journals.timeline("clara", first, "").body().get("entries").findValuesAsText("entryId"))
                    .contains(notes.get(0));
        }
    }

    /** The contact report's monthly rollup must count every recorded note that was not retracted. */
    @Test
    void aRollupThatDriftsFromTheNotesIsReportedAndAReplayRepairsIt() {
        try (StandaloneApp app = StandaloneApp.start(dataDir)) {
            JournalApi journals = app.journals();
            AdminApi admin = new AdminApi(app.client());
            String journalId = journals.openNorthJournal();
            journals.recordNote(journalId, "A walk.");
            journals.recordNote(journalId, "Coffee.");
            String wrong = journals.recordNote(journalId, "Meant for another patient.");
            journals.retractNote("anna", journalId, wrong, "Wrong journal");
            admin.awaitCaughtUp();
            assertThat(rollupCheck(admin.reconciliation()).path("consistent").asBoolean()).isTrue();

            int changed = app.bean(JdbcTemplate.class).update("update contact_month set individual_conversation_contacts"
                    + " = individual_conversation_contacts + 1 where journal_id = ?", UUID.fromString(journalId));
            assertThat(changed).isOne();

            JsonNode drifted = rollupCheck(admin.reconciliation());
            assertThat(drifted.path("projected").asLong()).as(drifted.toString()).isEqualTo(4);
            assertThat(drifted.path("consistent").asBoolean()).isFalse();

            assertThat(admin.replay("journal-directory").status()).isEqualTo(202);
            admin.awaitCaughtUp();
            JsonNode repaired = rollupCheck(admin.reconciliation());
            assertThat(repaired.path("projected").asLong()).as(repaired.toString()).isEqualTo(3);
            assertThat(repaired.path("consistent").asBoolean()).isTrue();
        }
    }

    private static JsonNode rollupCheck(JsonNode reconciliation) {
        return AdminApi.measure(reconciliation, NOTE_RECORDED, "contact_month");
    }
}
