package org.peerjournal.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.peerjournal.app.audit.AuditApi.EVENTS;
import static org.peerjournal.app.audit.AuditApi.INCIDENT_REPORT;
import static org.peerjournal.app.audit.AuditApi.PROJECTION_WAIT;
import static org.peerjournal.app.audit.AuditApi.instant;
import static org.peerjournal.app.audit.AuditApi.readsBy;

/**
 * The auditor's question after an incident, "who knew what, when", answered for the seed scenario of product.md:
 * anna records a note and raises an IMMEDIATE suicide-risk escalation; clara reads the journal but does not
 * acknowledge; the escalation goes overdue; clara acknowledges late; anna corrects her note afterwards. The scenario
 * is played once over HTTP and every test reads it back as eva. The instants the tests compare come from the
 * server's answers, never from the test's clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditScenarioIT extends ApiIntegrationTest {

    private static final String ORIGINAL = "Talked about the weekend. She said she sees no way out.";
    private static final String CORRECTED = "Talked about the weekend at the day centre. She said she sees no way out"
            + " and has saved up pills at home.";
    private static final String REASON = "Left out the place and the pills.";
    private static final String ACTION = "Called her back; crisis team on the way.";
    private static final List<String> EVENT_TYPES = List.of("JournalOpenedEvent", "ContactNoteRecordedEvent",
            "SafetyEscalationRaisedEvent", "SafetyEscalationOverdueEvent", "SafetyEscalationAcknowledgedEvent",
            "ContactNoteCorrectedEvent");

    private AuditApi audit;
    private Scenario scenario;

    /** What the scenario left behind: ids, and the instant of each step as the server recorded it. */
    private record Scenario(String journalId, String noteId, String escalationId, Instant noteRecordedAt,
            Instant raisedAt, Instant acknowledgeBy, Instant overdueAt, Instant acknowledgedAt, Instant correctedAt) {
    }

    @BeforeEach
    void auditor() {
        audit = new AuditApi(anonymous);
    }

    @Test
    void incidentReportShowsClaraReadTheJournalWhileTheEscalationWasOpenAndAcknowledgedOnlyAfterItWentOverdue() {
        Scenario s = scenario();

        JsonNode report = await().atMost(PROJECTION_WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> audit.ok(s.journalId(), INCIDENT_REPORT, ""),
                        r -> !readsBy(list(r.get("reads")), "clara", "timeline").isEmpty());

        assertThat(report.get("journalId").asText()).isEqualTo(s.journalId());
        assertThat(report.get("teamId").asText()).isEqualTo("north");
        assertThat(report.get("generatedBy").asText()).isEqualTo("eva");
        assertThat(report.get("escalations")).hasSize(1);
        JsonNode escalation = report.get("escalations").get(0);
        assertThat(escalation.get("escalationId").asText()).isEqualTo(s.escalationId());
        assertThat(escalation.get("severity").asText()).isEqualTo("IMMEDIATE");
        assertThat(escalation.get("category").asText()).isEqualTo("SUICIDE_RISK");
        assertStep(escalation.get("raised"), s.raisedAt(), "anna");
        assertThat(instant(escalation.get("deadline"))).isEqualTo(s.acknowledgeBy());
        assertStep(escalation.get("overdue"), s.overdueAt(), "system");
        assertStep(escalation.get("acknowledged"), s.acknowledgedAt(), "clara");
        assertThat(escalation.get("actionTaken").asText()).isEqualTo(ACTION);
        assertThat(escalation.has("resolved")).as("never resolved").isFalse();
        assertThat(s.overdueAt()).isAfterOrEqualTo(s.acknowledgeBy());
        assertThat(s.acknowledgedAt()).isAfter(s.overdueAt());
        assertThat(escalation.get("minutesRaisedToAcknowledged").asLong())
                .isEqualTo(Duration.between(s.raisedAt(), s.acknowledgedAt()).toMinutes());
        assertThat(escalation.get("minutesAcknowledgedLate").asLong()).isGreaterThanOrEqualTo(0)
                .isEqualTo(Duration.between(s.acknowledgeBy(), s.acknowledgedAt()).toMinutes());

        JsonNode notes = report.get("notes");
        assertThat(notes).hasSize(2);
        assertThat(notes.findValuesAsText("activity")).containsExactly("RECORDED", "CORRECTED");
        assertThat(notes.findValuesAsText("entryId")).containsExactly(s.noteId(), s.noteId());
        assertThat(notes.findValuesAsText("by")).containsExactly("anna", "anna");
        assertThat(notes.findValuesAsText("text")).containsExactly(ORIGINAL, CORRECTED);
        assertThat(instant(notes.get(0).get("recordedAt"))).isEqualTo(s.noteRecordedAt());
        assertThat(instant(notes.get(1).get("recordedAt"))).isEqualTo(s.correctedAt());
        assertThat(notes.get(1).get("detail").asText()).contains(REASON);
        assertThat(report.get("loyaltyConflicts")).isEmpty();

        List<JsonNode> clarasReads = readsBy(list(report.get("reads")), "clara", "timeline");
        assertThat(clarasReads).allSatisfy(read -> {
            assertThat(read.get("role").asText()).isEqualTo("CLINICIAN");
            assertThat(read.get("teamId").asText()).isEqualTo("north");
            assertThat(instant(read.get("at"))).as("clara read while the escalation was open and not yet overdue")
                    .isAfterOrEqualTo(s.raisedAt()).isBefore(s.overdueAt());
        });
    }

    @Test
    void incidentReportWindowKeepsWholeEscalationsButOnlyTheNotesAndReadsInside() {
        Scenario s = scenario();
        audit.awaitAccessLog(s.journalId(), entries -> !readsBy(entries, "clara", "timeline").isEmpty());

        JsonNode whileOpen = audit.ok(s.journalId(), INCIDENT_REPORT, "from=" + s.raisedAt() + "&to=" + s.overdueAt());
        JsonNode afterwards = audit.ok(s.journalId(), INCIDENT_REPORT, "from=" + s.overdueAt());
        JsonNode before = audit.ok(s.journalId(), INCIDENT_REPORT, "to=" + s.noteRecordedAt());

        assertThat(instant(whileOpen.get("from"))).isEqualTo(s.raisedAt());
        assertThat(instant(whileOpen.get("to"))).isEqualTo(s.overdueAt());
        assertThat(whileOpen.get("escalations").findValuesAsText("escalationId")).containsExactly(s.escalationId());
        assertStep(whileOpen.get("escalations").get(0).get("acknowledged"), s.acknowledgedAt(), "clara");
        assertThat(whileOpen.get("notes")).as("the note was recorded before the window").isEmpty();
        assertThat(readsBy(list(whileOpen.get("reads")), "clara", "timeline")).isNotEmpty();
        assertThat(list(whileOpen.get("reads"))).allSatisfy(read -> assertThat(instant(read.get("at")))
                .isAfterOrEqualTo(s.raisedAt()).isBefore(s.overdueAt()));

        assertThat(afterwards.get("escalations").findValuesAsText("escalationId")).containsExactly(s.escalationId());
        assertStep(afterwards.get("escalations").get(0).get("raised"), s.raisedAt(), "anna");
        assertThat(afterwards.get("notes").findValuesAsText("activity")).containsExactly("CORRECTED");
        assertThat(readsBy(list(afterwards.get("reads")), "clara", "timeline")).isEmpty();

        assertThat(before.get("escalations")).isEmpty();
        assertThat(before.get("notes")).isEmpty();
        assertThat(before.get("reads")).isEmpty();
    }

    @Test
    void asOfJustAfterTheNoteShowsOnlyTheNoteWithItsOriginalText() {
        Scenario s = scenario();
        assertThat(s.raisedAt()).isAfter(s.noteRecordedAt());

        JsonNode timeline = audit.timelineAsOf(s.journalId(), s.noteRecordedAt());

        assertThat(timeline.get("journalId").asText()).isEqualTo(s.journalId());
        assertThat(timeline.get("teamId").asText()).isEqualTo("north");
        assertThat(timeline.get("totalEntries").asInt()).isEqualTo(1);
        assertThat(timeline.get("entries")).hasSize(1);
        JsonNode note = timeline.get("entries").get(0);
        assertThat(note.get("type").asText()).isEqualTo("NOTE");
        assertThat(note.get("entryId").asText()).isEqualTo(s.noteId());
        assertThat(note.get("author").asText()).isEqualTo("anna");
        assertThat(note.get("text").asText()).isEqualTo(ORIGINAL);
        assertThat(note.get("revision").asInt()).isEqualTo(1);
        assertThat(note.get("revisions")).hasSize(1);
    }

    @Test
    void asOfAMillisecondBeforeTheNoteShowsAnEmptyJournal() {
        Scenario s = scenario();

        JsonNode timeline = audit.timelineAsOf(s.journalId(), s.noteRecordedAt().minusMillis(1));

        assertThat(timeline.get("entries")).isEmpty();
        assertThat(timeline.get("journalId").asText()).isEqualTo(s.journalId());
    }

    @Test
    void asOfBeforeTheJournalWasOpenedShowsThatJournalEmpty() {
        Scenario s = scenario();

        JsonNode timeline = audit.timelineAsOf(s.journalId(), s.noteRecordedAt().minus(Duration.ofDays(1)));

        assertThat(timeline.get("entries")).isEmpty();
        assertThat(timeline.get("totalEntries").asInt()).isZero();
        assertThat(timeline.path("journalId").asText()).isEqualTo(s.journalId());
        assertThat(timeline.path("teamId").asText()).isEqualTo("north");
    }

    @Test
    void asOfAfterTheOverdueShowsTheEscalationStillOpenAndUnacknowledged() {
        Scenario s = scenario();

        JsonNode timeline = audit.timelineAsOf(s.journalId(), s.overdueAt());

        assertThat(timeline.get("entries").findValuesAsText("type")).containsExactlyInAnyOrder("NOTE", "ESCALATION");
        JsonNode escalation = entry(timeline, "ESCALATION");
        assertThat(escalation.get("entryId").asText()).isEqualTo(s.escalationId());
        assertThat(escalation.get("status").asText()).isEqualTo("OPEN");
        assertThat(escalation.get("author").asText()).isEqualTo("anna");
        JsonNode details = escalation.get("escalation");
        assertThat(details.get("overdue").asBoolean()).isTrue();
        assertThat(instant(details.get("overdueAt"))).isEqualTo(s.overdueAt());
        assertThat(instant(details.get("acknowledgeBy"))).isEqualTo(s.acknowledgeBy());
        assertThat(details.has("acknowledgedBy")).as(details.toString()).isFalse();
        assertThat(details.has("acknowledgedAt")).as(details.toString()).isFalse();
        assertThat(details.has("actionTaken")).as(details.toString()).isFalse();
        JsonNode note = entry(timeline, "NOTE");
        assertThat(note.get("text").asText()).isEqualTo(ORIGINAL);
        assertThat(note.get("revision").asInt()).isEqualTo(1);
    }

    @Test
    void asOfAfterTheCorrectionShowsBothRevisionsAndTheLateAcknowledgement() {
        Scenario s = scenario();

        JsonNode timeline = audit.timelineAsOf(s.journalId(), s.correctedAt());

        JsonNode note = entry(timeline, "NOTE");
        assertThat(note.get("text").asText()).isEqualTo(CORRECTED);
        assertThat(note.get("revision").asInt()).isEqualTo(2);
        assertThat(note.get("status").asText()).isEqualTo("CORRECTED");
        JsonNode revisions = note.get("revisions");
        assertThat(revisions.findValuesAsText("revision")).containsExactly("1", "2");
        assertThat(revisions.findValuesAsText("text")).containsExactly(ORIGINAL, CORRECTED);
        assertThat(revisions.findValuesAsText("author")).containsExactly("anna", "anna");
        assertThat(instant(revisions.get(0).get("recordedAt"))).isEqualTo(s.noteRecordedAt());
        assertThat(instant(revisions.get(1).get("recordedAt"))).isEqualTo(s.correctedAt());
        assertThat(revisions.get(0).has("reason")).isFalse();
        assertThat(revisions.get(1).get("reason").asText()).isEqualTo(REASON);
        JsonNode escalation = entry(timeline, "ESCALATION");
        assertThat(escalation.get("status").asText()).isEqualTo("ACKNOWLEDGED");
        JsonNode details = escalation.get("escalation");
        assertThat(details.get("acknowledgedBy").asText()).isEqualTo("clara");
        assertThat(instant(details.get("acknowledgedAt"))).isEqualTo(s.acknowledgedAt());
        assertThat(details.get("actionTaken").asText()).isEqualTo(ACTION);
        assertThat(details.get("overdue").asBoolean()).as("an acknowledgement does not undo the overdue").isTrue();
    }

    @Test
    void accessLogListsClarasReadAndTheAuditorsOwnCalls() {
        Scenario s = scenario();
        audit.timelineAsOf(s.journalId(), s.correctedAt());
        audit.ok(s.journalId(), INCIDENT_REPORT, "");
        audit.ok(s.journalId(), EVENTS, "size=1");

        List<JsonNode> log = audit.awaitAccessLog(s.journalId(), entries -> !readsBy(entries, "clara", "timeline")
                .isEmpty() && List.of("audit-timeline", "audit-incident-report", "audit-events", "audit-access-log")
                .stream().allMatch(action -> !readsBy(entries, "eva", action).isEmpty()));

        assertThat(readsBy(log, "clara", "timeline")).allSatisfy(read -> {
            assertThat(read.get("role").asText()).isEqualTo("CLINICIAN");
            assertThat(read.get("teamId").asText()).isEqualTo("north");
            assertThat(instant(read.get("at"))).isAfterOrEqualTo(s.raisedAt()).isBefore(s.overdueAt());
        });
        assertThat(log).filteredOn(entry -> entry.get("userId").asText().equals("eva")).allSatisfy(read -> {
            assertThat(read.get("role").asText()).isEqualTo("AUDITOR");
            assertThat(read.get("action").asText()).startsWith("audit-");
        });
        assertThat(log).extracting(entry -> entry.get("userId").asText()).as("nobody else read this journal")
                .containsOnly("clara", "eva");
        assertThat(log).extracting(entry -> instant(entry.get("at"))).isSortedAccordingTo(Comparator.naturalOrder());
    }

    @Test
    void accessLogWindowIncludesItsStartAndExcludesItsEnd() {
        Scenario s = scenario();
        List<JsonNode> log = audit.awaitAccessLog(s.journalId(),
                entries -> !readsBy(entries, "clara", "timeline").isEmpty());
        Instant clarasRead = instant(readsBy(log, "clara", "timeline").get(0).get("at"));

        assertThat(readsBy(audit.accessLog(s.journalId(), "from=" + s.raisedAt() + "&to=" + s.overdueAt()),
                "clara", "timeline")).isNotEmpty();
        assertThat(audit.accessLog(s.journalId(), "from=" + clarasRead + "&to=" + clarasRead.plusMillis(1)))
                .extracting(entry -> entry.get("userId").asText() + " " + entry.get("at").asText())
                .contains("clara " + clarasRead);
        assertThat(readsBy(audit.accessLog(s.journalId(), "to=" + clarasRead), "clara", "timeline"))
                .as("to is exclusive").isEmpty();
        assertThat(readsBy(audit.accessLog(s.journalId(), "from=" + s.overdueAt()), "clara", "timeline"))
                .as("a window after the overdue").isEmpty();
        assertThat(audit.accessLog(s.journalId(), "to=" + s.raisedAt())).as("nobody read before the escalation")
                .isEmpty();
    }

    @Test
    void eventHistoryListsEveryStoredEventInSequenceWithItsActorAndPayload() {
        Scenario s = scenario();

        JsonNode history = audit.ok(s.journalId(), EVENTS, "");

        assertThat(history.get("journalId").asText()).isEqualTo(s.journalId());
        assertThat(history.get("totalEvents").asInt()).isEqualTo(EVENT_TYPES.size());
        List<JsonNode> events = list(history.get("events"));
        assertThat(events).extracting(e -> e.get("sequence").asInt()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactlyElementsOf(EVENT_TYPES);
        assertThat(events).extracting(e -> instant(e.get("recordedAt")))
                .isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(events).extracting(e -> actor(e.get("actor"))).containsExactly("david TEAM_LEAD north",
                "anna PSW north", "anna PSW north", "system SYSTEM north", "clara CLINICIAN north",
                "anna PSW north");
        assertThat(events.get(0).get("payload").get("teamId").asText()).isEqualTo("north");
        assertThat(events.get(1).get("payload").get("noteId").asText()).isEqualTo(s.noteId());
        assertThat(events.get(1).get("payload").get("text").asText()).isEqualTo(ORIGINAL);
        assertThat(events.get(2).get("payload").get("escalationId").asText()).isEqualTo(s.escalationId());
        assertThat(instant(events.get(2).get("payload").get("acknowledgeBy"))).isEqualTo(s.acknowledgeBy());
        assertThat(events.get(3).get("payload").get("escalationId").asText()).isEqualTo(s.escalationId());
        assertThat(events.get(4).get("payload").get("actionTaken").asText()).isEqualTo(ACTION);
        assertThat(events.get(4).get("payload").get("wasOverdue").asBoolean()).isTrue();
        assertThat(events.get(5).get("payload").get("text").asText()).isEqualTo(CORRECTED);
        assertThat(events.get(5).get("payload").get("revision").asInt()).isEqualTo(2);
    }

    @Test
    void eventHistoryPagesBySequence() {
        Scenario s = scenario();

        JsonNode second = audit.ok(s.journalId(), EVENTS, "size=2&page=1");
        JsonNode beyond = audit.ok(s.journalId(), EVENTS, "size=2&page=3");

        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("size").asInt()).isEqualTo(2);
        assertThat(second.get("totalEvents").asInt()).isEqualTo(EVENT_TYPES.size());
        assertThat(second.get("events").findValuesAsText("sequence")).containsExactly("2", "3");
        assertThat(second.get("events").findValuesAsText("type"))
                .containsExactly("SafetyEscalationRaisedEvent", "SafetyEscalationOverdueEvent");
        assertThat(beyond.get("events")).isEmpty();
        assertThat(beyond.get("totalEvents").asInt()).isEqualTo(EVENT_TYPES.size());
    }

    @Test
    void markdownAndHtmlReportsTellTheSameStory() {
        Scenario s = scenario();
        audit.awaitAccessLog(s.journalId(), entries -> !readsBy(entries, "clara", "timeline").isEmpty());

        ApiResponse markdown = audit.incidentReport(s.journalId(), "text/markdown");
        ApiResponse html = audit.incidentReport(s.journalId(), "text/html");

        assertThat(markdown.status()).as(markdown.toString()).isEqualTo(200);
        assertThat(markdown.contentType()).startsWith("text/markdown").containsIgnoringCase("charset=UTF-8");
        assertThat(markdown.rawBody()).startsWith("# Incident report:").contains(s.escalationId(),
                s.raisedAt() + " by anna", s.overdueAt() + " by system", s.acknowledgedAt() + " by clara", ACTION,
                ORIGINAL, CORRECTED, "| clara | CLINICIAN | north | timeline |", "minutes raised→ack");
        assertThat(html.status()).as(html.toString()).isEqualTo(200);
        assertThat(html.contentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(html.rawBody()).startsWith("<!DOCTYPE html>").contains(s.escalationId(),
                s.raisedAt() + " by anna", s.overdueAt() + " by system", s.acknowledgedAt() + " by clara", ACTION,
                ORIGINAL, CORRECTED, "<td>clara</td><td>CLINICIAN</td><td>north</td><td>timeline</td>");
    }

    @Test
    void htmlReportEscapesMarkupFromTheJournalAndMarkdownEscapesTablePipes() {
        String patientRef = "P-" + UUID.randomUUID();
        ApiResponse opened = as("david").post("/api/journals", Map.of("patientRef", patientRef,
                "displayName", "Patient <script>alert(1)</script>", "teamId", "north"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String journalId = opened.body().get("journalId").asText();
        String text = "She wants <b>no</b> depot injection | the nurse insists on the plan";
        journals.recordNote(journalId, text);

        ApiResponse html = audit.incidentReport(journalId, "text/html");
        ApiResponse markdown = audit.incidentReport(journalId, "text/markdown");

        assertThat(html.status()).as(html.toString()).isEqualTo(200);
        assertThat(html.rawBody()).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;no&lt;/b&gt;")
                .doesNotContain("<script", "<b>");
        assertThat(markdown.status()).as(markdown.toString()).isEqualTo(200);
        String row = markdown.rawBody().lines().filter(line -> line.contains("depot injection")).findFirst()
                .orElseThrow();
        assertThat(row).contains("depot injection \\| the nurse");
        assertThat(unescapedPipes(row)).as("one column per field, the text's pipe inside its cell: " + row)
                .isEqualTo(8);
    }

    private Scenario scenario() {
        if (scenario == null) {
            scenario = play();
        }
        return scenario;
    }

    private Scenario play() {
        String journalId = journals.openNorthJournal();
        ApiResponse note = as("anna").post("/api/journals/" + journalId + "/notes", JournalApi.note(ORIGINAL));
        assertThat(note.status()).as(note.toString()).isEqualTo(201);
        String noteId = note.body().get("noteId").asText();

        ApiResponse raised = journals.raiseEscalation(journalId, "IMMEDIATE");
        String escalationId = raised.body().get("escalationId").asText();

        // Clara opens the journal while the escalation is open, and sees it there, but does not acknowledge.
        JsonNode seen = await().atMost(IMMEDIATE_DEADLINE)
                .until(() -> journals.timeline("clara", journalId, "types=ESCALATION"),
                        r -> r.status() == 200 && r.body().get("totalEntries").asInt() == 1)
                .body().get("entries").get(0);
        assertThat(seen.get("entryId").asText()).isEqualTo(escalationId);
        assertThat(seen.get("status").asText()).isEqualTo("OPEN");

        // Nobody acknowledges in time: the service stores the overdue on its own.
        await().atMost(IMMEDIATE_DEADLINE.plusSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> types(audit.events(journalId)).contains("SafetyEscalationOverdueEvent"));

        ApiResponse acknowledged = journals.acknowledge("clara", journalId, escalationId, ACTION);
        assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
        ApiResponse corrected = as("anna").post("/api/journals/" + journalId + "/notes/" + noteId + "/corrections",
                Map.of("text", CORRECTED, "reason", REASON));
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
        assertThat(corrected.body().get("revision").asInt()).isEqualTo(2);

        List<JsonNode> events = audit.events(journalId);
        assertThat(types(events)).containsExactlyElementsOf(EVENT_TYPES);
        Instant noteRecordedAt = instant(note.body().get("recordedAt"));
        assertThat(instant(events.get(1).get("recordedAt"))).as("the note's answer and its stored event agree")
                .isEqualTo(noteRecordedAt);
        Instant acknowledgeBy = instant(raised.body().get("acknowledgeBy"));
        return new Scenario(journalId, noteId, escalationId, noteRecordedAt, instant(events.get(2).get("recordedAt")),
                acknowledgeBy, instant(events.get(3).get("recordedAt")), instant(events.get(4).get("recordedAt")),
                instant(events.get(5).get("recordedAt")));
    }

    private static List<JsonNode> list(JsonNode array) {
        assertThat(array.isArray()).as("an array, found %s", array).isTrue();
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asText()).toList();
    }

    private static JsonNode entry(JsonNode timeline, String type) {
        List<JsonNode> entries = new ArrayList<>();
        timeline.get("entries").forEach(entries::add);
        List<JsonNode> ofType = entries.stream().filter(e -> e.get("type").asText().equals(type)).toList();
        assertThat(ofType).as(timeline.toString()).hasSize(1);
        return ofType.get(0);
    }

    private static String actor(JsonNode actor) {
        return actor.get("userId").asText() + " " + actor.get("role").asText() + " " + actor.get("teamId").asText();
    }

    private static void assertStep(JsonNode step, Instant at, String by) {
        assertThat(step).as("a step").isNotNull();
        assertThat(instant(step.get("at"))).isEqualTo(at);
        assertThat(step.get("by").asText()).isEqualTo(by);
    }

    private static long unescapedPipes(String row) {
        long pipes = 0;
        for (int i = 0; i < row.length(); i++) {
            if (row.charAt(i) == '|' && (i == 0 || row.charAt(i - 1) != '\\')) {
                pipes++;
            }
        }
        return pipes;
    }
}
