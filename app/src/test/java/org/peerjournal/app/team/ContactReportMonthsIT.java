package org.peerjournal.app.team;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.shared.journal.ContactType;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.peerjournal.app.team.TeamFixtures.note;

/**
 * The contact report answers the whole calendar months of its window from a monthly rollup and the partial months at
 * its ends from the notes (docs/team-views.md). Two journals get notes on both sides of month boundaries, of every
 * contact type, one corrected and two retracted; for windows that are month-aligned, partial at one or both ends,
 * inside one month, a millisecond long, or across a year's end, the report must equal a count of the notes
 * themselves. The shared store holds other tests' north journals, so only these two journals' rows are compared.
 */
class ContactReportMonthsIT extends ApiIntegrationTest {

    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(30);
    private static final ContactType[] TYPES = ContactType.values();

    /** A recorded note as the report should count it. */
    private record Note(String journalId, ContactType contactType, Instant occurredAt, int minutes) {
    }

    /** The notes that count: recorded and not retracted. */
    private final Map<String, Note> notes = new LinkedHashMap<>();
    private Set<String> mine;

    @BeforeEach
    void recordNotesAroundMonthBoundaries() {
        String first = journals.openNorthJournal();
        String second = journals.openNorthJournal();
        mine = Set.of(first, second);
        List<Instant> moments = List.of(
                at("2024-12-31T23:59:59.999Z"), at("2025-01-01T00:00:00Z"), at("2025-01-15T12:00:00Z"),
                at("2025-01-31T23:59:59.999Z"), at("2025-02-01T00:00:00Z"), at("2025-02-14T09:30:00Z"),
                at("2025-03-01T00:00:00.001Z"), at("2025-03-31T22:00:00Z"), at("2025-04-30T23:59:59.999Z"),
                at("2025-05-01T00:00:00Z"), at("2025-06-10T08:00:00Z"), at("2025-12-31T23:00:00Z"));
        for (int i = 0; i < moments.size(); i++) {
            String journalId = i % 3 == 0 ? second : first;
            record(journalId, TYPES[i % TYPES.length], moments.get(i), 10 + i);
            record(journalId, TYPES[(i + 3) % TYPES.length], moments.get(i), 100 + i);
        }
        String corrected = record(first, ContactType.HOME_VISIT, at("2025-03-15T10:00:00Z"), 55);
        journals.correctNote(first, corrected, "Corrected text of the home visit.", "Wrong street");
        retract(first, record(first, ContactType.OTHER, at("2025-03-20T10:00:00Z"), 35));
        retract(second, record(second, ContactType.GROUP_SESSION, at("2025-01-31T23:00:00Z"), 40));

        await().atMost(PROJECTION_WAIT).untilAsserted(() -> assertReportCountsTheNotes(
                at("2024-12-01T00:00:00Z"), at("2026-02-01T00:00:00Z")));
    }

    @Test
    void everyWindowCountsExactlyTheUnretractedNotesInIt() {
        List<Instant[]> windows = List.of(
                window("2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z"),
                window("2025-01-15T12:00:00Z", "2025-06-10T08:00:00Z"),
                window("2025-01-15T12:00:00.001Z", "2025-06-10T08:00:00.001Z"),
                window("2024-12-31T23:00:00Z", "2025-12-31T23:00:00Z"),
                window("2025-03-01T00:00:00Z", "2025-05-01T00:00:00Z"),
                window("2025-02-01T00:00:00Z", "2025-05-01T00:00:00.001Z"),
                window("2025-01-31T23:59:59.999Z", "2025-05-01T00:00:00Z"),
                window("2025-03-10T00:00:00Z", "2025-03-31T23:00:00Z"),
                window("2025-02-01T00:00:00Z", "2025-02-01T00:00:00.001Z"),
                window("2025-01-31T23:59:59.999Z", "2025-02-01T00:00:00Z"),
                window("2025-04-30T23:59:59.999Z", "2025-07-01T00:00:00Z"),
                window("2025-07-01T00:00:00Z", "2025-12-01T00:00:00Z"));
        for (Instant[] window : windows) {
            assertReportCountsTheNotes(window[0], window[1]);
        }
    }

    private void assertReportCountsTheNotes(Instant from, Instant to) {
        ApiResponse report = as("david").get("/api/reports/contacts?teamId=north&from=" + from + "&to=" + to);
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        Map<String, List<Long>> reported = new TreeMap<>();
        for (JsonNode row : report.body().get("rows")) {
            if (mine.contains(row.get("journalId").asText())) {
                reported.put(row.get("journalId").asText() + " " + row.get("contactType").asText(),
                        List.of(row.get("contacts").asLong(), row.get("totalMinutes").asLong()));
            }
        }
        assertThat(reported).as("report for [%s, %s)", from, to).isEqualTo(countedByHand(from, to));
    }

    private Map<String, List<Long>> countedByHand(Instant from, Instant to) {
        Map<String, List<Long>> counted = new TreeMap<>();
        notes.values().stream()
                .filter(note -> !note.occurredAt().isBefore(from) && note.occurredAt().isBefore(to))
                .forEach(note -> counted.merge(note.journalId() + " " + note.contactType(),
                        List.of(1L, (long) note.minutes()),
                        (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1))));
        return counted;
    }

    private String record(String journalId, ContactType contactType, Instant occurredAt, int minutes) {
        String noteId = journals.recordNote(journalId,
                note(contactType.name(), occurredAt, minutes, "Contact of " + occurredAt + "."));
        notes.put(noteId, new Note(journalId, contactType, occurredAt, minutes));
        return noteId;
    }

    private void retract(String journalId, String noteId) {
        journals.retractNote("anna", journalId, noteId, "Recorded in the wrong journal.");
        notes.remove(noteId);
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static Instant[] window(String from, String to) {
        return new Instant[] {at(from), at(to)};
    }
}
