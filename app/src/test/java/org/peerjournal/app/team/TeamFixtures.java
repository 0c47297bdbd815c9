package org.peerjournal.app.team;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Request bodies and paths of the loyalty-conflict flow and the team views, as api.md spells them. */
final class TeamFixtures {

    static final String CONFLICT_KINDS = "MEDICATION, COERCIVE_MEASURES, STAFF_CHANGE_REQUEST, CONFIDENTIALITY,"
            + " DOCUMENTATION, ROLE_EXPECTATIONS, OTHER";
    static final String FORUMS = "TEAM_MEETING, SUPERVISION, MANAGER, OTHER";

    private TeamFixtures() {
    }

    static Map<String, Object> flag(String kind, boolean supervisionRequested) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("description", "Maria wants to stop her antipsychotic.");
        body.put("patientPerspective", "The side effects stop her from working.");
        body.put("staffPerspective", "The care plan says to continue until the review.");
        body.put("supervisionRequested", supervisionRequested);
        return body;
    }

    static Map<String, Object> discussion(String forum, String summary) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("forum", forum);
        body.put("summary", summary);
        return body;
    }

    static Map<String, Object> resolution(String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resolution", text);
        return body;
    }

    static Map<String, Object> note(String contactType, Instant occurredAt, int durationMinutes, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contactType", contactType);
        body.put("occurredAt", occurredAt.toString());
        body.put("durationMinutes", durationMinutes);
        body.put("text", text);
        return body;
    }

    static String conflicts(String journalId) {
        return "/api/journals/" + journalId + "/loyalty-conflicts";
    }

    static String discussions(String journalId, String conflictId) {
        return conflicts(journalId) + "/" + conflictId + "/discussions";
    }

    static String resolutionOf(String journalId, String conflictId) {
        return conflicts(journalId) + "/" + conflictId + "/resolution";
    }

    /** The element of a JSON array whose {@code field} has the given value; fails when there is none. */
    static JsonNode elementWith(JsonNode array, String field, String value) {
        for (JsonNode element : array) {
            if (value.equals(element.path(field).asText())) {
                return element;
            }
        }
        throw new AssertionError("no element with " + field + " " + value + " in " + array);
    }
}
