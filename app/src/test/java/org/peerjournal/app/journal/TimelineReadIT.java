package org.peerjournal.app.journal;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reading a journal (api.md, "Timelines and team views" and the journal list). */
class TimelineReadIT extends ApiIntegrationTest {

    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(10);

    /** Whole seconds, so what the read side answers can be compared with what was sent, to the digit. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void entriesAreNewestFirstByWhenTheContactHappenedNotWhenItWasRecorded() {
        String journalId = journals.openNorthJournal();
        String threeHoursAgo = record(journalId, "Three hours ago", hoursAgo(3));
        String oneHourAgo = record(journalId, "One hour ago", hoursAgo(1));
        String twoHoursAgo = record(journalId, "Two hours ago", hoursAgo(2));

        JsonNode entries = journals.awaitTimelineEntries(journalId, "", 3).body().get("entries");

        assertThat(ids(entries)).containsExactly(oneHourAgo, twoHoursAgo, threeHoursAgo);
        assertThat(entries.findValuesAsText("occurredAt"))
                .containsExactly(hoursAgo(1).toString(), hoursAgo(2).toString(), hoursAgo(3).toString());
    }

    @Test
    void pagesSplitTheEntriesWithoutOverlapOrGaps() {
        String journalId = journals.openNorthJournal();
        for (int hours = 1; hours <= 5; hours++) {
            record(journalId, "Contact " + hours + " hours ago", hoursAgo(hours));
        }
        List<String> all = ids(journals.awaitTimelineEntries(journalId, "", 5).body().get("entries"));

        List<String> paged = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        for (int page = 0; page <= 3; page++) {
            ApiResponse response = journals.timeline("clara", journalId, "size=2&page=" + page);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.body().get("page").asInt()).isEqualTo(page);
            assertThat(response.body().get("size").asInt()).isEqualTo(2);
            assertThat(response.body().get("totalEntries").asInt()).isEqualTo(5);
            List<String> ids = ids(response.body().get("entries"));
            pageSizes.add(ids.size());
            paged.addAll(ids);
        }

        assertThat(pageSizes).containsExactly(2, 2, 1, 0);
        assertThat(paged).containsExactlyElementsOf(all).doesNotHaveDuplicates();
    }

    @Test
    void fromIsInclusiveAndToIsExclusive() {
        String journalId = journals.openNorthJournal();
        String four = record(journalId, "Four hours ago", hoursAgo(4));
        String three = record(journalId, "Three hours ago", hoursAgo(3));
        String two = record(journalId, "Two hours ago", hoursAgo(2));
        String one = record(journalId, "One hour ago", hoursAgo(1));
        journals.awaitTimelineEntries(journalId, "", 4);

        assertThat(idsFor(journalId, "from=" + hoursAgo(3) + "&to=" + hoursAgo(1))).containsExactly(two, three);
        assertThat(idsFor(journalId, "from=" + hoursAgo(3))).containsExactly(one, two, three);
        assertThat(idsFor(journalId, "to=" + hoursAgo(3))).containsExactly(four);
        assertThat(idsFor(journalId, "from=" + hoursAgo(4) + "&to=" + hoursAgo(4).plusSeconds(1)))
                .containsExactly(four);
        ApiResponse window = journals.timeline("clara", journalId, "from=" + hoursAgo(3) + "&to=" + hoursAgo(1));
        assertThat(window.body().get("totalEntries").asInt()).isEqualTo(2);
    }

    @Test
    void typesSelectsTheKindsOfEntry() {
        String journalId = journals.openNorthJournal();
        String first = record(journalId, "First", hoursAgo(2));
        String second = record(journalId, "Second", hoursAgo(1));
        journals.awaitTimelineEntries(journalId, "", 2);

        assertThat(idsFor(journalId, "types=NOTE")).containsExactly(second, first);
        assertThat(idsFor(journalId, "types=NOTE,ESCALATION")).containsExactly(second, first);
        assertThat(idsFor(journalId, "types=ESCALATION")).isEmpty();
        assertThat(idsFor(journalId, "types=ESCALATION,LOYALTY_CONFLICT")).isEmpty();
        assertThat(journals.timeline("clara", journalId, "types=ESCALATION").body().get("totalEntries").asInt())
                .isZero();
        assertThat(journals.timeline("clara", journalId, "types=NOTE").body().get("entries").findValuesAsText("type"))
                .containsOnly("NOTE");
    }

    @Test
    void aRetractedNoteIsHiddenUnlessRetractedEntriesAreAskedFor() {
        String journalId = journals.openNorthJournal();
        String kept = record(journalId, "Talked about the new flat.", hoursAgo(2));
        String wrong = record(journalId, "This was about another patient.", hoursAgo(1));

        ApiResponse retraction = as("david").post("/api/journals/" + journalId + "/notes/" + wrong + "/retraction",
                Map.of("reason", "Entered in the wrong journal"));

        assertThat(retraction.status()).as(retraction.toString()).isEqualTo(200);
        JsonNode withRetracted = awaitTimeline(journalId, "includeRetracted=true",
                body -> body.get("entries").findValuesAsText("status").contains("RETRACTED")).get("entries");
        JsonNode shown = journals.timeline("clara", journalId, "").body();
        assertThat(ids(shown.get("entries"))).containsExactly(kept);
        assertThat(shown.get("totalEntries").asInt()).isEqualTo(1);
        assertThat(ids(journals.timeline("clara", journalId, "includeRetracted=false").body().get("entries")))
                .containsExactly(kept);

        assertThat(ids(withRetracted)).containsExactly(wrong, kept);
        JsonNode retracted = withRetracted.get(0);
        assertThat(retracted.get("retracted").asBoolean()).isTrue();
        assertThat(retracted.get("status").asText()).isEqualTo("RETRACTED");
        assertThat(retracted.get("text").asText()).isEqualTo("This was about another patient.");
        assertThat(retracted.get("retraction").get("reason").asText()).isEqualTo("Entered in the wrong journal");
        assertThat(retracted.get("retraction").get("retractedBy").asText()).isEqualTo("david");
        assertThat(Instant.parse(retracted.get("retraction").get("retractedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(retracted.get("recordedAt").asText()));
        JsonNode other = withRetracted.get(1);
        assertThat(other.get("retracted").asBoolean()).isFalse();
        assertThat(other.get("status").asText()).isEqualTo("RECORDED");
        assertThat(other.has("retraction")).isFalse();
    }

    @Test
    void everyRevisionIsKeptWithItsAuthorTimeAndFromTheSecondOnItsReason() {
        String journalId = journals.openNorthJournal();
        String noteId = record(journalId, "Met at the ward.", hoursAgo(1));
        String corrections = "/api/journals/" + journalId + "/notes/" + noteId + "/corrections";
        ApiResponse second = as("anna").post(corrections,
                Map.of("text", "Met at the day centre.", "reason", "Wrong place written"));
        ApiResponse third = as("anna").post(corrections,
                Map.of("text", "Met at the day centre, by the garden.", "reason", "Added where exactly"));
        assertThat(second.body().get("revision").asInt()).isEqualTo(2);
        assertThat(third.body().get("revision").asInt()).isEqualTo(3);

        JsonNode entry = awaitTimeline(journalId, "",
                body -> body.get("entries").path(0).path("revision").asInt() == 3).get("entries").get(0);

        assertThat(entry.get("text").asText()).isEqualTo("Met at the day centre, by the garden.");
        assertThat(entry.get("status").asText()).isEqualTo("CORRECTED");
        assertThat(entry.get("author").asText()).isEqualTo("anna");
        JsonNode revisions = entry.get("revisions");
        assertThat(revisions.findValuesAsText("revision")).containsExactly("1", "2", "3");
        assertThat(revisions.findValuesAsText("text"))
                .containsExactly("Met at the ward.", "Met at the day centre.", "Met at the day centre, by the garden.");
        assertThat(revisions.findValuesAsText("author")).containsExactly("anna", "anna", "anna");
        assertThat(revisions.get(0).has("reason")).isFalse();
        assertThat(revisions.get(1).get("reason").asText()).isEqualTo("Wrong place written");
        assertThat(revisions.get(2).get("reason").asText()).isEqualTo("Added where exactly");
        assertThat(revisions.get(0).get("recordedAt").asText()).isEqualTo(entry.get("recordedAt").asText());
        List<Instant> recorded = revisions.findValuesAsText("recordedAt").stream().map(Instant::parse).toList();
        assertThat(recorded).isSorted();
    }

    @Test
    void aNoteRecordedMoreThanADayAfterTheContactIsALateEntry() {
        String journalId = journals.openNorthJournal();
        ApiResponse late = as("anna").post("/api/journals/" + journalId + "/notes",
                JournalApi.note("Yesterday's home visit, written up today.", hoursAgo(25)));
        ApiResponse timely = as("anna").post("/api/journals/" + journalId + "/notes",
                JournalApi.note("This morning's call.", hoursAgo(23)));

        assertThat(late.status()).as(late.toString()).isEqualTo(201);
        assertThat(late.body().get("lateEntry").asBoolean()).isTrue();
        assertThat(timely.body().get("lateEntry").asBoolean()).isFalse();
        JsonNode entries = journals.awaitTimelineEntries(journalId, "", 2).body().get("entries");
        JsonNode lateEntry = entries.get(1);
        assertThat(lateEntry.get("entryId").asText()).isEqualTo(late.body().get("noteId").asText());
        assertThat(lateEntry.get("lateEntry").asBoolean()).isTrue();
        assertThat(entries.get(0).get("lateEntry").asBoolean()).isFalse();
        assertThat(lateEntry.get("recordedAt").asText()).isEqualTo(late.body().get("recordedAt").asText());
        assertThat(entries.get(0).get("recordedAt").asText()).isEqualTo(timely.body().get("recordedAt").asText());
        assertThat(Instant.parse(lateEntry.get("recordedAt").asText()))
                .isAfter(Instant.parse(lateEntry.get("occurredAt").asText()).plus(Duration.ofHours(24)));
    }

    @Test
    void theJournalListShowsTheLastContactAndFallsBackWhenItIsRetracted() {
        String patientRef = "P-" + UUID.randomUUID();
        String journalId = journals.openJournal("david", "north", patientRef);
        JsonNode opened = awaitSummary(journalId, summary -> true);
        assertThat(opened.get("patientRef").asText()).isEqualTo(patientRef);
        assertThat(opened.get("displayName").asText()).isEqualTo("Patient " + patientRef);
        assertThat(opened.get("teamId").asText()).isEqualTo("north");
        assertThat(opened.path("openedAt").asText()).isNotBlank();
        assertThat(opened.has("lastContactAt")).isTrue();
        assertThat(opened.get("lastContactAt").isNull()).as("no contact yet").isTrue();
        assertThat(opened.get("openEscalations").asInt()).isZero();
        assertThat(opened.get("openLoyaltyConflicts").asInt()).isZero();

        record(journalId, "Earlier contact", hoursAgo(3));
        String newest = record(journalId, "Newest contact", hoursAgo(1));
        record(journalId, "Recorded last, happened in between", hoursAgo(2));
        awaitSummary(journalId, summary -> summary.get("lastContactAt").asText().equals(hoursAgo(1).toString()));

        ApiResponse retraction = as("david").post("/api/journals/" + journalId + "/notes/" + newest + "/retraction",
                Map.of("reason", "Wrong patient"));
        assertThat(retraction.status()).as(retraction.toString()).isEqualTo(200);

        JsonNode after = awaitSummary(journalId,
                summary -> !summary.get("lastContactAt").asText().equals(hoursAgo(1).toString()));
        assertThat(after.get("lastContactAt").asText()).isEqualTo(hoursAgo(2).toString());
    }

    private String record(String journalId, String text, Instant occurredAt) {
        ApiResponse response = as("anna").post("/api/journals/" + journalId + "/notes",
                JournalApi.note(text, occurredAt));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.body().get("noteId").asText();
    }

    private static Instant hoursAgo(int hours) {
        return NOW.minus(Duration.ofHours(hours));
    }

    private List<String> idsFor(String journalId, String query) {
        ApiResponse response = journals.timeline("clara", journalId, query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return ids(response.body().get("entries"));
    }

    private static List<String> ids(JsonNode entries) {
        List<String> ids = new ArrayList<>();
        entries.forEach(entry -> ids.add(entry.get("entryId").asText()));
        return ids;
    }

    private JsonNode awaitTimeline(String journalId, String query, Predicate<JsonNode> condition) {
        return await().atMost(PROJECTION_WAIT).until(() -> journals.timeline("clara", journalId, query),
                r -> r.status() == 200 && condition.test(r.body())).body();
    }

    private JsonNode awaitSummary(String journalId, Predicate<JsonNode> condition) {
        return await().atMost(PROJECTION_WAIT).until(() -> summaryOf(journalId),
                summary -> summary != null && condition.test(summary));
    }

    private JsonNode summaryOf(String journalId) {
        for (JsonNode summary : as("clara").getAllPages("/api/journals").body()) {
            if (summary.get("journalId").asText().equals(journalId)) {
                return summary;
            }
        }
        return null;
    }
}
