package org.peerjournal.app.web;

import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** What answers without credentials (api.md, "Authentication"): the API description, its UI, and health. */
class OpenApiIT extends ApiIntegrationTest {

    @Test
    void theOpenApiDocumentDescribesTheJournalEndpointsWithoutCredentials() {
        ApiResponse response = anonymous.get("/v3/api-docs");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.body().path("openapi").asText()).startsWith("3.");
        assertThat(response.body().path("paths").has("/api/journals")).isTrue();
        assertThat(response.body().path("paths").has("/api/journals/{journalId}/notes")).isTrue();
        assertThat(response.body().path("paths").has("/api/journals/{journalId}/timeline")).isTrue();
        assertThat(response.body().path("paths").path("/api/journals").has("post")).isTrue();
        assertThat(response.body().path("paths").path("/api/journals").has("get")).isTrue();
    }

    @Test
    void theBrowsableUiAnswersWithoutCredentials() {
        ApiResponse entry = anonymous.get("/swagger-ui.html");
        ApiResponse index = anonymous.get("/swagger-ui/index.html");

        assertThat(entry.status()).as(entry.toString()).isIn(200, 301, 302);
        if (entry.status() != 200) {
            assertThat(entry.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/swagger-ui/index.html"));
        }
        assertThat(index.status()).as(index.toString()).isEqualTo(200);
        assertThat(index.contentType()).startsWith("text/html");
    }

    @Test
    void healthAnswersItsStatusOnlyWithoutCredentials() {
        ApiResponse response = anonymous.get("/actuator/health");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body().path("status").asText()).isEqualTo("UP");
        assertThat(response.body().has("components")).as(response.toString()).isFalse();
        assertThat(response.body().has("details")).as(response.toString()).isFalse();
        assertThat(response.rawBody()).doesNotContain("db", "H2", "jdbc", "diskSpace");
    }

    @Test
    void theRestOfTheActuatorIsClosed() {
        assertThat(anonymous.get("/actuator/env").status()).isEqualTo(401);
        assertThat(as("olle").get("/actuator/env").status()).isIn(403, 404);
    }
}
