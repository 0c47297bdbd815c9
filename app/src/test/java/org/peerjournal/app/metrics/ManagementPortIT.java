package org.peerjournal.app.metrics;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.StandaloneApp;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerjournal.app.support.ProblemAssertions.assertProblem;

/**
 * The actuator on a port of its own ({@code management.server.port}, docs/operations.md): the probes answer there
 * without credentials, Prometheus still wants ADMIN (the same security chain guards both ports), and neither the
 * actuator is served on the application's port nor the API on the management port. An application of its own,
 * since the port is fixed at start.
 */
class ManagementPortIT {

    @TempDir
    static Path dataDir;

    private static StandaloneApp app;

    @BeforeAll
    static void start() {
        app = StandaloneApp.start(dataDir, "management.server.port=0");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theProbesAnswerOnTheManagementPortWithoutCredentials() {
        ApiClient management = app.managementClient();
        for (String probe : new String[] {"/actuator/health", "/actuator/health/liveness",
                "/actuator/health/readiness"}) {
            ApiResponse answer = management.get(probe);
            assertThat(answer.status()).as(probe + ": " + answer).isEqualTo(200);
            assertThat(answer.body().get("status").asText()).as(probe).isEqualTo("UP");
        }
    }

    @Test
    void prometheusOnTheManagementPortIsForAdministratorsOnly() {
        ApiClient management = app.managementClient();
        assertProblem(management.get("/actuator/prometheus"), 401);
        for (String user : new String[] {"anna", "clara", "david", "eva"}) {
            assertProblem(management.as(user).get("/actuator/prometheus"), 403);
        }
        ApiResponse scrape = management.as("olle").get("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.contentType()).startsWith("text/plain");
        assertThat(scrape.rawBody()).contains("peerjournal_event_store_events{application=\"peer-journal\"}");
    }

    @Test
    void theActuatorIsNotOnTheApplicationsPortNorTheApiOnTheManagementPort() {
        ApiClient application = app.client();
        assertThat(application.as("olle").get("/actuator/prometheus").status()).isEqualTo(404);
        assertThat(application.get("/actuator/health").status()).isEqualTo(404);
        assertThat(application.get("/actuator/health/readiness").status()).isEqualTo(404);
        assertThat(application.as("clara").get("/api/journals").status()).isEqualTo(200);

        assertThat(app.managementClient().as("clara").get("/api/journals").status()).isEqualTo(404);
    }
}
