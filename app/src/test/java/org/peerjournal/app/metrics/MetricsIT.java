package org.peerjournal.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.StoreBackups;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpointGroups;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.peerjournal.app.support.ProblemAssertions.assertProblem;

/** What operators see: the Prometheus endpoint (ADMIN only), its metrics moving with use, and the probes. */
class MetricsIT extends ApiIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    MeterRegistry registry;

    @Autowired
    ReadModelGauges gauges;

    @Autowired
    HealthEndpointGroups healthGroups;

    @Test
    void thePrometheusEndpointIsForAdministratorsOnly() {
        assertProblem(anonymous.get("/actuator/prometheus"), 401);
        for (String user : new String[] {"anna", "clara", "david", "eva"}) {
            assertProblem(as(user).get("/actuator/prometheus"), 403);
        }
        ApiResponse scrape = as("olle").get("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.contentType()).startsWith("text/plain");
    }

    @Test
    void everyDocumentedMetricIsPublished() {
        String journalId = journals.openNorthJournal();
        journals.recordNote(journalId, "Coffee and a walk.");
        assertThat(journals.timeline("clara", journalId, "").status()).isEqualTo(200);
        gauges.refresh();

        String scrape = as("olle").get("/actuator/prometheus").rawBody();

        assertThat(scrape).contains(
                "peerjournal_commands_seconds_count{application=\"peer-journal\",command=\"RecordContactNoteCommand\","
                        + "outcome=\"success\"}",
                "peerjournal_events_stored_total{application=\"peer-journal\",type=\"JournalsShownEvent\"}",
                "peerjournal_reads_logged_total{application=\"peer-journal\"}",
                "peerjournal_integrity{application=\"peer-journal\",measure=\"unsealed\"}",
                "peerjournal_projection_lag_events{application=\"peer-journal\",projection=\"timeline\"}",
                "peerjournal_projection_state{application=\"peer-journal\",projection=\"timeline\",state=\"RUNNING\"}",
                "peerjournal_escalations{",
                "peerjournal_notifications{",
                "peerjournal_event_store_events{application=\"peer-journal\"}",
                "peerjournal_store_packs_seconds_count{application=\"peer-journal\"}",
                "jvm_memory_used_bytes", "hikaricp_connections_active");
    }

    /** A backup's time, for an alert when the newest is too old (docs/operations.md, "What to monitor"). */
    @Test
    void theNewestBackupsTimeIsPublished() {
        long takenAt = Instant.parse(StoreBackups.take(anonymous).get("takenAt").asText()).getEpochSecond();

        String scrape = as("olle").get("/actuator/prometheus").rawBody();

        String gauge = "peerjournal_store_backup_last_timestamp_seconds{application=\"peer-journal\"} ";
        assertThat(scrape).contains(gauge);
        double published = Double.parseDouble(scrape.lines().filter(line -> line.startsWith(gauge)).findFirst()
                .orElseThrow().substring(gauge.length()));
        assertThat(published).as("the newest backup's time").isBetween((double) takenAt, takenAt + 60.0);
    }

    @Test
    void theMeasurementsSwitchedOffForTheirCostAreNotPublished() {
        journals.recordNote(journals.openNorthJournal(), "Measured, but not per repository call.");

        String scrape = as("olle").get("/actuator/prometheus").rawBody();

        assertThat(scrape).contains("http_server_requests_seconds")
                .doesNotContain("spring_data_repository_invocations", "spring_security_");
    }

    @Test
    void commandsAreTimedPerTypeAndOutcome() {
        String journalId = journals.openNorthJournal();
        String noteId = journals.recordNote(journalId, "Phoned about the group.");
        double rejectedBefore = commandCount("RetractContactNoteCommand", "rejected");
        double succeededBefore = commandCount("RetractContactNoteCommand", "success");

        journals.retractNote("anna", journalId, noteId, "Wrong patient");
        ApiResponse again = as("anna").post("/api/journals/" + journalId + "/notes/" + noteId + "/retraction",
                Map.of("reason", "Wrong patient"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(commandCount("RetractContactNoteCommand", "success")).isEqualTo(succeededBefore + 1);
        assertThat(commandCount("RetractContactNoteCommand", "rejected")).isEqualTo(rejectedBefore + 1);
    }

    @Test
    void openEscalationsAreCountedPerTeamAndStatus() {
        gauges.refresh();
        double before = escalations("north", "OPEN");
        String journalId = journals.openNorthJournal();
        assertThat(as("anna").post("/api/journals/" + journalId + "/escalations", JournalApi.escalation("ROUTINE"))
                .status()).isEqualTo(201);

        await().atMost(WAIT).untilAsserted(() -> {
            gauges.refresh();
            assertThat(escalations("north", "OPEN")).isGreaterThan(before);
        });
    }

    @Test
    void readinessIncludesTheDatabase() {
        assertThat(healthGroups.get("readiness").isMember("db")).isTrue();
        ApiResponse readiness = anonymous.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.body().get("status").asText()).isEqualTo("UP");
    }

    private double commandCount(String command, String outcome) {
        var timer = registry.find(CommandMetrics.NAME).tags("command", command, "outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    private double escalations(String team, String status) {
        return Search.in(registry).name("peerjournal.escalations").tags("team", team, "status", status).gauges()
                .stream().mapToDouble(gauge -> gauge.value()).sum();
    }
}
