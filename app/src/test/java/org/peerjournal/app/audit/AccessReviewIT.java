package org.peerjournal.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.audit.JournalContentReadEvent;
import org.peerjournal.shared.audit.JournalsShownEvent;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.peerjournal.app.audit.AuditApi.PROJECTION_WAIT;
import static org.peerjournal.app.support.ProblemAssertions.assertInvalidField;
import static org.peerjournal.app.support.ProblemAssertions.assertProblem;
import static org.peerjournal.app.support.ProblemAssertions.assertUnauthorized;

/**
 * The systematic access review through HTTP: each rule on a data set that triggers it and one that does not, and
 * the lifecycle of a conclusion. Reads at chosen past instants (a night, a burst) are stored the way the access
 * log stores them, as shown events, with their time set; each test's users and day are its own, so the shared store's
 * other reads never mix in.
 */
class AccessReviewIT extends ApiIntegrationTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final List<String> EVERYONE_BUT_THE_AUDITOR = List.of("anna", "bo", "clara", "david", "olle");

    @Autowired
    EventStore eventStore;

    @Test
    void bulkReadingIsFoundAboveTwentyJournalsInTenMinutesAndNotAtTwenty() {
        LocalDate day = LocalDate.of(2025, 3, 4);
        List<String> journalIds = IntStream.range(0, 21).mapToObj(i -> journals.openNorthJournal()).toList();
        Actor rita = clinician("rita");
        Actor sam = clinician("sam");
        List<EventMessage<?>> reads = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            reads.add(read(rita, journalIds.get(i), at(day, 10, 0).plusSeconds(20L * i)));
            reads.add(read(sam, journalIds.get(i % 20), at(day, 11, 0).plusSeconds(20L * i)));
        }
        eventStore.publish(reads);

        List<JsonNode> findings = awaitFindings(day, list -> !findingsOf(list, rita, "BULK_READING").isEmpty());

        assertThat(findingsOf(findings, rita, "BULK_READING")).singleElement().satisfies(finding -> {
            assertThat(texts(finding.get("journalIds"))).containsExactlyElementsOf(journalIds);
            assertThat(finding.get("entries")).hasSize(21);
            assertThat(finding.get("firstAt").asText()).isEqualTo(at(day, 10, 0).toString());
        });
        assertThat(findingsOf(findings, sam, "BULK_READING")).isEmpty();
    }

    @Test
    void readsAtNightAreFoundAndReadsInWorkingHoursAreNot() {
        LocalDate day = LocalDate.of(2025, 5, 6);
        String journalId = journals.openNorthJournal();
        Actor rita = clinician("rita");
        Actor sam = clinician("sam");
        // Sam's reads as logged before answers were logged as one event: read events of their own, still reviewed.
        eventStore.publish(read(rita, journalId, at(day, 23, 15)), earlierRead(sam, journalId, at(day, 21, 59)),
                earlierRead(sam, journalId, at(day, 6, 0)));

        List<JsonNode> findings = awaitFindings(day, list -> !findingsOf(list, rita, "OUTSIDE_WORKING_HOURS")
                .isEmpty() && findingsOf(list, sam, "NO_CARE_RELATION").stream()
                .anyMatch(finding -> finding.get("entries").size() == 2));

        assertThat(findingsOf(findings, rita, "OUTSIDE_WORKING_HOURS")).singleElement().satisfies(finding ->
                assertThat(finding.get("entries").findValuesAsText("at")).containsExactly(at(day, 23, 15).toString()));
        assertThat(findingsOf(findings, sam, "OUTSIDE_WORKING_HOURS")).isEmpty();
    }

    @Test
    void aReadOfAJournalWithoutContactForNinetyDaysIsFoundAndOneWithARecentContactIsNot() {
        LocalDate day = LocalDate.of(2025, 9, 9);
        String dormant = journals.openNorthJournal();
        journals.recordNote(dormant, JournalApi.note("Last seen in spring.", at(day, 10, 0).minus(
                Duration.ofDays(100))));
        String active = journals.openNorthJournal();
        journals.recordNote(active, JournalApi.note("Seen last week.", at(day, 10, 0).minus(
                Duration.ofDays(7))));
        Actor rita = clinician("rita");
        eventStore.publish(read(rita, dormant, at(day, 14, 0)), read(rita, active, at(day, 14, 5)));

        List<JsonNode> findings = awaitFindings(day, list -> findingsOf(list, rita, "NO_CARE_RELATION").size() == 2);

        assertThat(findingsOf(findings, rita, "DORMANT_JOURNAL")).singleElement()
                .satisfies(finding -> assertThat(texts(finding.get("journalIds"))).containsExactly(dormant));
    }

    @Test
    void aReadBySomeoneWithNoPartInTheCareIsFoundAndOneByTheNotesAuthorIsNot() {
        String journalId = journals.openNorthJournal();
        journals.recordNote(journalId, "Talked about the move.");
        journals.awaitTimelineEntries(journalId, "", 1); // clara's reads while the note reaches the timeline
        assertThat(journals.timeline("anna", journalId, "").status()).isEqualTo(200);
        LocalDate today = LocalDate.now(STOCKHOLM);

        List<JsonNode> findings = awaitFindings(today, list -> findingAbout(list, "clara", journalId) != null);

        JsonNode finding = findingAbout(findings, "clara", journalId);
        assertThat(finding.get("entries")).allSatisfy(entry -> {
            assertThat(entry.get("userId").asText()).isEqualTo("clara");
            assertThat(entry.get("role").asText()).isEqualTo("CLINICIAN");
            assertThat(entry.get("action").asText()).isEqualTo("timeline");
        });
        assertThat(findingAbout(findings, "anna", journalId)).isNull();
    }

    @Test
    void aConclusionIsStoredOnceShownWithTheFindingAndASecondIsAConflict() {
        String journalId = journals.openNorthJournal();
        await().atMost(PROJECTION_WAIT).until(() -> journals.timeline("clara", journalId, "").status() == 200);
        LocalDate today = LocalDate.now(STOCKHOLM);
        String findingId = findingAbout(awaitFindings(today, list -> findingAbout(list, "clara", journalId) != null),
                "clara", journalId).get("findingId").asText();
        String conclusionPath = "/api/audit/access-review/findings/" + findingId + "/conclusion";

        // Bad input first: none of it may store anything, or the valid conclusion below would be a 409.
        assertInvalidField(as("eva").post(conclusionPath, Map.of("conclusion", "MAYBE", "note", "n")), "conclusion");
        assertInvalidField(as("eva").post(conclusionPath, Map.of("note", "n")), "conclusion");
        assertInvalidField(as("eva").post(conclusionPath, Map.of("conclusion", "JUSTIFIED", "note", " ")), "note");
        assertProblem(as("eva").post("/api/audit/access-review/findings/2025-01-01-00000000000000000000/conclusion",
                Map.of("conclusion", "JUSTIFIED", "note", "n")), 404);
        assertProblem(as("eva").post("/api/audit/access-review/findings/nonsense/conclusion",
                Map.of("conclusion", "JUSTIFIED", "note", "n")), 404);
        for (String user : EVERYONE_BUT_THE_AUDITOR) {
            assertProblem(as(user).post(conclusionPath, Map.of("conclusion", "VIOLATION", "note", "n")), 403);
        }
        assertUnauthorized(anonymous.post(conclusionPath, Map.of("conclusion", "VIOLATION", "note", "n")));

        ApiResponse concluded = as("eva").post(conclusionPath,
                Map.of("conclusion", "JUSTIFIED", "note", "Covering for anna this week, agreed with david."));

        assertThat(concluded.status()).as(concluded.toString()).isEqualTo(201);
        assertThat(concluded.body().get("findingId").asText()).isEqualTo(findingId);
        assertThat(concluded.body().get("conclusion").get("conclusion").asText()).isEqualTo("JUSTIFIED");
        assertProblem(as("eva").post(conclusionPath, Map.of("conclusion", "VIOLATION", "note", "Second thoughts")),
                409);
        JsonNode shown = findingAbout(findings(today), "clara", journalId);
        assertThat(shown.get("findingId").asText()).isEqualTo(findingId);
        assertThat(shown.get("conclusion").get("conclusion").asText()).isEqualTo("JUSTIFIED");
        assertThat(shown.get("conclusion").get("note").asText()).startsWith("Covering for anna");
        assertThat(shown.get("conclusion").get("concludedBy").asText()).isEqualTo("eva");
        assertThat(shown.get("conclusion").get("concludedAt").asText()).isNotBlank();
    }

    @Test
    void onlyTheAuditorReviewsAndBadWindowsAreInvalid() {
        String path = "/api/audit/access-review?from=2025-01-01T00:00:00Z&to=2025-01-02T00:00:00Z";
        ApiResponse eva = as("eva").get(path);
        assertThat(eva.status()).as(eva.toString()).isEqualTo(200);
        assertThat(eva.body().get("rules")).hasSize(5);
        for (String user : EVERYONE_BUT_THE_AUDITOR) {
            assertProblem(as(user).get(path), 403);
        }
        assertUnauthorized(anonymous.get(path));
        assertInvalidField(as("eva").get("/api/audit/access-review?from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z"),
                "to");
        assertInvalidField(as("eva").get("/api/audit/access-review?from=2010-01-01T00:00:00Z&to=2021-01-01T00:00:00Z"),
                "to");
        assertInvalidField(as("eva").get("/api/audit/access-review?to=2025-01-01T00:00:00Z"), "from");
    }

    private List<JsonNode> awaitFindings(LocalDate day, Predicate<List<JsonNode>> condition) {
        return await().atMost(PROJECTION_WAIT).until(() -> findings(day), condition);
    }

    /** The review of the whole day in Stockholm. */
    private List<JsonNode> findings(LocalDate day) {
        ApiResponse review = as("eva").get("/api/audit/access-review?from=" + at(day, 0, 0) + "&to="
                + day.plusDays(1).atStartOfDay(STOCKHOLM).toInstant());
        assertThat(review.status()).as(review.toString()).isEqualTo(200);
        List<JsonNode> findings = new ArrayList<>();
        review.body().get("findings").forEach(findings::add);
        return findings;
    }

    private static List<JsonNode> findingsOf(List<JsonNode> findings, Actor user, String rule) {
        return findings.stream().filter(f -> f.get("userId").asText().equals(user.userId())
                && f.get("rule").asText().equals(rule)).toList();
    }

    private static JsonNode findingAbout(List<JsonNode> findings, String user, String journalId) {
        return findings.stream().filter(f -> f.get("userId").asText().equals(user)
                && f.get("rule").asText().equals("NO_CARE_RELATION")
                && texts(f.get("journalIds")).contains(journalId)).findFirst().orElse(null);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    /** A clinician of north who exists only in this test. */
    private static Actor clinician(String name) {
        return new Actor(name + "-" + UUID.randomUUID(), Role.CLINICIAN, "north");
    }

    /** A timeline read by the actor at that instant, stored as the access log stores it. */
    private static EventMessage<?> read(Actor reader, String journalId, Instant at) {
        return new GenericEventMessage<>(UUID.randomUUID().toString(),
                new JournalsShownEvent("timeline", List.of(new JournalsShownEvent.Shown(UUID.fromString(journalId),
                        "north"))),
                ActorMetaData.of(reader), at);
    }

    /** A timeline read as the access log stored it before: one JournalContentReadEvent per read. */
    private static EventMessage<?> earlierRead(Actor reader, String journalId, Instant at) {
        return new GenericEventMessage<>(UUID.randomUUID().toString(),
                new JournalContentReadEvent(UUID.fromString(journalId), "north", "timeline"),
                ActorMetaData.of(reader), at);
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return ZonedDateTime.of(day.atTime(hour, minute), STOCKHOLM).toInstant();
    }
}
