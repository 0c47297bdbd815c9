package org.peerjournal.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The auditor's calls of api.md ("Audit"), as eva makes them unless told otherwise. */
final class AuditApi {

    /** The access log is a projection: a read shows up in it shortly after it was made. */
    static final Duration PROJECTION_WAIT = Duration.ofSeconds(15);

    static final String TIMELINE = "timeline";
    static final String EVENTS = "events";
    static final String ACCESS_LOG = "access-log";
    static final String INCIDENT_REPORT = "incident-report";
    static final List<String> ENDPOINTS = List.of(TIMELINE, EVENTS, ACCESS_LOG, INCIDENT_REPORT);

    private final ApiClient eva;

    AuditApi(ApiClient anonymous) {
        this.eva = anonymous.as("eva");
    }

    static String path(String journalId, String endpoint) {
        return "/api/audit/journals/" + journalId + "/" + endpoint;
    }

    /** Eva's call of one audit endpoint, which must succeed; answers its JSON body. */
    JsonNode ok(String journalId, String endpoint, String query) {
        ApiResponse response = eva.get(path(journalId, endpoint) + (query.isEmpty() ? "" : "?" + query));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/json");
        return response.body();
    }

    JsonNode timelineAsOf(String journalId, Instant asOf) {
        return ok(journalId, TIMELINE, "asOf=" + asOf);
    }

    /** Every stored event of the journal (one page of up to 200). */
    List<JsonNode> events(String journalId) {
        List<JsonNode> events = new ArrayList<>();
        ok(journalId, EVENTS, "size=200").get("events").forEach(events::add);
        return events;
    }

    /** Every page of the access log. */
    List<JsonNode> accessLog(String journalId, String query) {
        ApiResponse response = eva.getAllPages(path(journalId, ACCESS_LOG) + (query.isEmpty() ? "" : "?" + query));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        response.body().forEach(entries::add);
        return entries;
    }

    /** Polls the access log (each poll is itself a logged read) until it satisfies the condition. */
    List<JsonNode> awaitAccessLog(String journalId, Predicate<List<JsonNode>> condition) {
        return await().atMost(PROJECTION_WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> accessLog(journalId, ""), condition);
    }

    ApiResponse incidentReport(String journalId, String accept) {
        return eva.withHeader("Accept", accept).get(path(journalId, INCIDENT_REPORT));
    }

    static boolean isRead(JsonNode entry, String userId, String action) {
        return entry.path("userId").asText().equals(userId) && entry.path("action").asText().equals(action);
    }

    static List<JsonNode> readsBy(List<JsonNode> log, String userId, String action) {
        return log.stream().filter(entry -> isRead(entry, userId, action)).toList();
    }

    static Instant instant(JsonNode node) {
        assertThat(node.isTextual()).as("an instant, found %s", node).isTrue();
        return Instant.parse(node.asText());
    }
}
