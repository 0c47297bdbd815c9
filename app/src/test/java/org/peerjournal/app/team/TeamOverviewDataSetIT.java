package org.peerjournal.app.team;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.StandaloneApp;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.peerjournal.app.team.TeamFixtures.conflicts;
import static org.peerjournal.app.team.TeamFixtures.discussion;
import static org.peerjournal.app.team.TeamFixtures.discussions;
import static org.peerjournal.app.team.TeamFixtures.elementWith;
import static org.peerjournal.app.team.TeamFixtures.flag;
import static org.peerjournal.app.team.TeamFixtures.note;
import static org.peerjournal.app.team.TeamFixtures.resolution;
import static org.peerjournal.app.team.TeamFixtures.resolutionOf;

/**
 * The team overview and the contact report (api.md, "Timelines and team views"; docs/team-views.md), every number
 * checked against a data set built through the HTTP API in an application of this class's own, so team north holds
 * exactly these journals:
 *
 * <pre>
 * journal  notes by anna (occurredAt before the start, type, minutes)        escalations         conflicts
 * Alma     2 d IC 45 (corrected twice), 5 d IC 25, 3 d PV 15 (retracted),  IMMEDIATE, overdue  C1 supervision asked
 *          6 d GS 60, 10 d HV 90, 40 d GS 120
 * Bertil   20 d IC 30                                                        URGENT, open        C2 supervision held,
 *                                                                                                C4 no supervision
 * Dag      16 d PV 20, 1 d AA 50 (retracted by david)                        ROUTINE, acknowl.,  C3 resolved,
 *                                                                            IMMEDIATE overdue   C5 supervision asked
 *                                                                            then acknowledged   (other forums only)
 * Cecilia  none (opened last)                                                —                   —
 * </pre>
 */
class TeamOverviewDataSetIT {

    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(30);
    private static final String IC = "INDIVIDUAL_CONVERSATION";
    private static final String PV = "PHONE_OR_VIDEO";
    private static final String GS = "GROUP_SESSION";
    private static final String HV = "HOME_VISIT";
    private static final String AA = "ACCOMPANIED_APPOINTMENT";
    private static final String CSV_HEADER = "journalId,contactType,contacts,totalMinutes\r\n";

    @TempDir
    static Path dataDir;

    private static StandaloneApp app;
    private static ApiClient anonymous;
    private static Instant start;
    private static String alma;
    private static String bertil;
    private static String dag;
    private static String cecilia;
    private static String supervisionAskedFirst;
    private static String supervisionAskedLater;

    /** One expected row of the contact report. */
    private record Row(String journalId, String contactType, long contacts, long totalMinutes) {

        String csv() {
            return journalId + "," + contactType + "," + contacts + "," + totalMinutes + "\r\n";
        }
    }

    @BeforeAll
    static void buildTheDataSet() {
        app = StandaloneApp.start(dataDir, "peerjournal.escalations.acknowledge-within.immediate=PT3S");
        anonymous = app.client();
        JournalApi journals = app.journals();
        start = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        alma = journals.openJournal("david", "north", "P-ALMA");
        bertil = journals.openJournal("david", "north", "P-BERTIL");
        dag = journals.openJournal("david", "north", "P-DAG");

        // The IMMEDIATE deadlines (3 s) run while the rest is built.
        String almaImmediate = raise(alma, "IMMEDIATE");
        String dagImmediate = raise(dag, "IMMEDIATE");

        String almaCorrected = record(alma, IC, daysAgo(2), 45);
        correct(alma, almaCorrected, "Walked to the pharmacy together.", "Where we went");
        correct(alma, almaCorrected, "Walked to the pharmacy and back together.", "Completed");
        record(alma, IC, daysAgo(5), 25);
        String almaRetracted = record(alma, PV, daysAgo(3), 15);
        retract("anna", alma, almaRetracted);
        record(alma, GS, daysAgo(6), 60);
        record(alma, HV, daysAgo(10), 90);
        record(alma, GS, daysAgo(40), 120);
        record(bertil, IC, daysAgo(20), 30);
        record(dag, PV, daysAgo(16), 20);
        String dagRetracted = record(dag, AA, daysAgo(1), 50);
        retract("david", dag, dagRetracted);

        raise(bertil, "URGENT");
        String dagRoutine = raise(dag, "ROUTINE");
        assertThat(journals.acknowledge("clara", dag, dagRoutine, "Called the patient.").status()).isEqualTo(200);
        assertThat(journals.resolve("clara", dag, dagRoutine, "Seen by the doctor.").status()).isEqualTo(200);

        supervisionAskedFirst = flagConflict(alma, "MEDICATION", true);
        String held = flagConflict(bertil, "COERCIVE_MEASURES", true);
        discuss("clara", bertil, held, "SUPERVISION");
        String resolved = flagConflict(dag, "CONFIDENTIALITY", true);
        ApiResponse resolution = as("david").post(resolutionOf(dag, resolved), resolution("Settled with the PSW."));
        assertThat(resolution.status()).as(resolution.toString()).isEqualTo(200);
        String withoutSupervision = flagConflict(bertil, "DOCUMENTATION", false);
        discuss("david", bertil, withoutSupervision, "TEAM_MEETING");
        supervisionAskedLater = flagConflict(dag, "STAFF_CHANGE_REQUEST", true);
        discuss("clara", dag, supervisionAskedLater, "TEAM_MEETING");
        discuss("anna", dag, supervisionAskedLater, "MANAGER");

        await().atMost(PROJECTION_WAIT).until(() -> isOverdue(almaImmediate) && isOverdue(dagImmediate));
        assertThat(journals.acknowledge("david", dag, dagImmediate, "Visited at home.").status()).isEqualTo(200);

        // Opened last: the directory projects events in the order they were stored, so once it counts this
        // fourth journal it has seen everything above, the overdue deadlines included.
        cecilia = journals.openJournal("david", "north", "P-CECILIA");
        await().atMost(PROJECTION_WAIT).until(() -> overview("").body(), body -> body.get("journals").asInt() == 4);
        await().atMost(PROJECTION_WAIT).until(() -> timelineEntries(dag, "types=LOYALTY_CONFLICT").size() == 2
                && timelineEntries(alma, "types=LOYALTY_CONFLICT").size() == 1);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theOverviewCountsJournalsOpenAndOverdueEscalationsAndOpenConflicts() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ApiResponse response = overview("");
        Instant after = Instant.now();

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode overview = response.body();
        List<String> fields = new ArrayList<>();
        overview.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("teamId", "asOf", "journals", "openEscalations",
                "overdueEscalations", "openLoyaltyConflicts", "conflictsAwaitingSupervision", "withoutContactDays",
                "journalsWithoutContact", "contactsPerWorker");
        assertThat(overview.get("teamId").asText()).isEqualTo("north");
        assertThat(Instant.parse(overview.get("asOf").asText())).isBetween(before, after);
        assertThat(overview.get("journals").asInt()).isEqualTo(4);
        // Alma's IMMEDIATE and Bertil's URGENT wait; Dag's are acknowledged, one of them after going overdue.
        assertThat(overview.get("openEscalations").asInt()).isEqualTo(2);
        assertThat(overview.get("overdueEscalations").asInt()).isEqualTo(1);
        assertThat(overview.get("openLoyaltyConflicts").asInt()).isEqualTo(4);
        assertThat(overview.get("withoutContactDays").asInt()).isEqualTo(14);
    }

    @Test
    void onlyOpenConflictsWhoseSupervisionWasNotHeldAwaitSupervisionOldestFirst() {
        JsonNode awaiting = overview("").body().get("conflictsAwaitingSupervision");

        assertThat(awaiting.findValuesAsText("conflictId"))
                .containsExactly(supervisionAskedFirst, supervisionAskedLater);
        assertAwaiting(awaiting.get(0), alma, supervisionAskedFirst, "MEDICATION");
        assertAwaiting(awaiting.get(1), dag, supervisionAskedLater, "STAFF_CHANGE_REQUEST");
    }

    @Test
    void journalsWithoutContactFollowTheThresholdNeverContactedFirst() {
        assertWithoutContact(overview(""), 14, List.of(cecilia, bertil, dag));
        assertWithoutContact(overview("withoutContactDays=30"), 30, List.of(cecilia));
        assertWithoutContact(overview("withoutContactDays=17"), 17, List.of(cecilia, bertil));
        assertWithoutContact(overview("withoutContactDays=1"), 1, List.of(cecilia, bertil, dag, alma));
        assertWithoutContact(overview("withoutContactDays=3650"), 3650, List.of(cecilia));

        JsonNode list = overview("").body().get("journalsWithoutContact");
        assertThat(elementWith(list, "journalId", cecilia).get("displayName").asText()).isEqualTo("Patient P-CECILIA");
        assertThat(elementWith(list, "journalId", cecilia).get("lastContactAt").isNull()).isTrue();
        assertThat(elementWith(list, "journalId", bertil).get("lastContactAt").asText())
                .isEqualTo(daysAgo(20).toString());
        // Dag's retracted contact of yesterday does not count: his last contact is the one 16 days ago.
        assertThat(elementWith(list, "journalId", dag).get("lastContactAt").asText())
                .isEqualTo(daysAgo(16).toString());
        assertThat(elementWith(list, "journalId", dag).get("displayName").asText()).isEqualTo("Patient P-DAG");
    }

    @Test
    void contactsPerWorkerCountEveryUnretractedNoteOnceInTheLastSevenAndThirtyDays() {
        JsonNode workers = overview("").body().get("contactsPerWorker");

        // Within 7 days: Alma 2 d (corrected twice, counted once), 5 d, 6 d; the retracted 3 d and 1 d do not
        // count. Within 30 days also Alma 10 d, Dag 16 d and Bertil 20 d; Alma's 40 d is older.
        assertThat(workers).hasSize(1);
        assertThat(workers.get(0).get("workerId").asText()).isEqualTo("anna");
        assertThat(workers.get(0).get("last7Days").asInt()).isEqualTo(3);
        assertThat(workers.get(0).get("last30Days").asInt()).isEqualTo(6);
        assertThat(overview("withoutContactDays=30").body().get("contactsPerWorker")).isEqualTo(workers);
    }

    @Test
    void theJournalListAgreesWithTheOverview() {
        JsonNode list = as("clara").getAllPages("/api/journals?teamId=north").body();

        assertThat(list.findValuesAsText("journalId")).containsExactly(alma, bertil, cecilia, dag);
        assertSummary(elementWith(list, "journalId", alma), daysAgo(2), 1, 1);
        assertSummary(elementWith(list, "journalId", bertil), daysAgo(20), 1, 2);
        assertSummary(elementWith(list, "journalId", cecilia), null, 0, 0);
        assertSummary(elementWith(list, "journalId", dag), daysAgo(16), 0, 1);
    }

    @Test
    void theContactReportCountsUnretractedContactsPerJournalAndType() {
        List<Row> expected = sorted(List.of(
                new Row(alma, GS, 2, 180), new Row(alma, HV, 1, 90), new Row(alma, IC, 2, 70),
                new Row(bertil, IC, 1, 30),
                new Row(dag, PV, 1, 20)));

        assertReport(daysAgo(60), start, expected);
    }

    @Test
    void theReportWindowIncludesFromAndExcludesTo() {
        // From exactly Alma's contact 40 days ago (counted) to exactly her contact 2 days ago (not counted).
        assertReport(daysAgo(40), daysAgo(2), sorted(List.of(
                new Row(alma, GS, 2, 180), new Row(alma, HV, 1, 90), new Row(alma, IC, 1, 25),
                new Row(bertil, IC, 1, 30),
                new Row(dag, PV, 1, 20))));
        // A millisecond later at both ends: the 40-day contact falls out, the 2-day one comes in.
        assertReport(daysAgo(40).plusMillis(1), daysAgo(2).plusMillis(1), sorted(List.of(
                new Row(alma, GS, 1, 60), new Row(alma, HV, 1, 90), new Row(alma, IC, 2, 70),
                new Row(bertil, IC, 1, 30),
                new Row(dag, PV, 1, 20))));
        // Only yesterday: Dag's retracted accompanied appointment is the one contact there, and it does not count.
        assertReport(daysAgo(1).minusSeconds(60), daysAgo(1).plusSeconds(60), List.of());
        assertReport(daysAgo(100), daysAgo(50), List.of());
    }

    private static void assertReport(Instant from, Instant to, List<Row> expected) {
        String query = "/api/reports/contacts?teamId=north&from=" + from + "&to=" + to;
        ApiResponse json = as("david").get(query);
        ApiResponse csv = as("david").withHeader("Accept", "text/csv").get(query);

        assertThat(json.status()).as(json.toString()).isEqualTo(200);
        assertThat(json.contentType()).startsWith("application/json");
        assertThat(json.body().get("teamId").asText()).isEqualTo("north");
        assertThat(Instant.parse(json.body().get("from").asText())).isEqualTo(from);
        assertThat(Instant.parse(json.body().get("to").asText())).isEqualTo(to);
        List<Row> rows = new ArrayList<>();
        for (JsonNode row : json.body().get("rows")) {
            List<String> fields = new ArrayList<>();
            row.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("journalId", "contactType", "contacts", "totalMinutes");
            rows.add(new Row(row.get("journalId").asText(), row.get("contactType").asText(),
                    row.get("contacts").asLong(), row.get("totalMinutes").asLong()));
        }
        assertThat(rows).as("report " + from + " .. " + to).containsExactlyElementsOf(expected);

        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.rawBody()).isEqualTo(CSV_HEADER + expected.stream().map(Row::csv)
                .collect(Collectors.joining()));
    }

    private static void assertWithoutContact(ApiResponse response, int days, List<String> journalIds) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body().get("withoutContactDays").asInt()).isEqualTo(days);
        assertThat(response.body().get("journalsWithoutContact").findValuesAsText("journalId"))
                .as("without contact for %d days", days).containsExactlyElementsOf(journalIds);
        // The threshold changes that list only.
        assertThat(response.body().get("openLoyaltyConflicts").asInt()).isEqualTo(4);
        assertThat(response.body().get("journals").asInt()).isEqualTo(4);
    }

    private static void assertAwaiting(JsonNode awaiting, String journalId, String conflictId, String kind) {
        JsonNode entry = elementWith(timelineEntries(journalId, "types=LOYALTY_CONFLICT"), "entryId", conflictId);
        assertThat(awaiting.get("journalId").asText()).isEqualTo(journalId);
        assertThat(awaiting.get("kind").asText()).isEqualTo(kind);
        assertThat(awaiting.get("flaggedBy").asText()).isEqualTo("anna");
        assertThat(awaiting.get("flaggedAt").asText()).isEqualTo(entry.get("recordedAt").asText());
    }

    private static void assertSummary(JsonNode summary, Instant lastContactAt, int openEscalations,
            int openConflicts) {
        if (lastContactAt == null) {
            assertThat(summary.get("lastContactAt").isNull()).as(summary.toString()).isTrue();
        } else {
            assertThat(summary.get("lastContactAt").asText()).as(summary.toString())
                    .isEqualTo(lastContactAt.toString());
        }
        assertThat(summary.get("openEscalations").asInt()).as(summary.toString()).isEqualTo(openEscalations);
        assertThat(summary.get("openLoyaltyConflicts").asInt()).as(summary.toString()).isEqualTo(openConflicts);
    }

    /** The order the report promises: by journal, then by contact type. */
    private static List<Row> sorted(List<Row> rows) {
        return rows.stream().sorted(Comparator.comparing(Row::journalId).thenComparing(Row::contactType)).toList();
    }

    private static ApiResponse overview(String query) {
        return as("david").get("/api/teams/north/overview" + (query.isEmpty() ? "" : "?" + query));
    }

    private static JsonNode timelineEntries(String journalId, String query) {
        ApiResponse timeline = as("clara").get("/api/journals/" + journalId + "/timeline?" + query);
        assertThat(timeline.status()).as(timeline.toString()).isEqualTo(200);
        return timeline.body().get("entries");
    }

    private static Instant daysAgo(int days) {
        return start.minus(Duration.ofDays(days));
    }

    private static ApiClient as(String user) {
        return anonymous.as(user);
    }

    private static String record(String journalId, String contactType, Instant occurredAt, int minutes) {
        return app.journals().recordNote(journalId,
                note(contactType, occurredAt, minutes, "Met for " + minutes + " minutes."));
    }

    private static void correct(String journalId, String noteId, String text, String reason) {
        app.journals().correctNote(journalId, noteId, text, reason);
    }

    private static void retract(String user, String journalId, String noteId) {
        app.journals().retractNote(user, journalId, noteId, "Written in the wrong journal");
    }

    private static String raise(String journalId, String severity) {
        return app.journals().raiseEscalation(journalId, severity).body().get("escalationId").asText();
    }

    private static boolean isOverdue(String escalationId) {
        ApiResponse queue = as("clara").getAllPages("/api/escalations?teamId=north");
        return queue.status() == 200 && queue.body().findValuesAsText("escalationId").contains(escalationId)
                && elementWith(queue.body(), "escalationId", escalationId).get("overdue").asBoolean();
    }

    private static String flagConflict(String journalId, String kind, boolean supervisionRequested) {
        ApiResponse response = as("anna").post(conflicts(journalId), flag(kind, supervisionRequested));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.body().get("conflictId").asText();
    }

    private static void discuss(String user, String journalId, String conflictId, String forum) {
        ApiResponse response = as(user).post(discussions(journalId, conflictId),
                discussion(forum, "Discussed in " + forum + "."));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }
}
