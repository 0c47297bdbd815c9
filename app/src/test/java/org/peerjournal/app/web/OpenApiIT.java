package org.peerjournal.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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
    void anOutsideParserFindsNoErrorInTheDocument() {
        String document = anonymous.get("/v3/api-docs").rawBody();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);

        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);

        assertThat(result.getMessages()).as("messages of swagger-parser").isEmpty();
        assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
    }

    @Test
    void everyOperationDeclaresHowItIsAuthenticatedAndItsProblemAnswers() {
        OpenAPI api = new OpenAPIV3Parser().readContents(anonymous.get("/v3/api-docs").rawBody(), null,
                new ParseOptions()).getOpenAPI();
        assertThat(api.getComponents().getSecuritySchemes()).containsOnlyKeys("basicAuth");
        SecurityScheme basic = api.getComponents().getSecuritySchemes().get("basicAuth");
        assertThat(basic.getType()).isEqualTo(SecurityScheme.Type.HTTP);
        assertThat(basic.getScheme()).isEqualTo("basic");

        int operations = 0;
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
                String name = entry.getKey() + " " + path.getKey();
                Operation operation = entry.getValue();
                assertThat(operation.getSecurity()).as(name).isNotEmpty()
                        .allSatisfy(requirement -> assertThat(requirement).containsOnlyKeys("basicAuth"));
                List<String> statuses = new ArrayList<>(List.of("400", "401", "403", "404", "429", "503"));
                if (entry.getKey() == PathItem.HttpMethod.POST) {
                    statuses.addAll(List.of("409", "413", "415"));
                }
                for (String status : statuses) {
                    io.swagger.v3.oas.models.responses.ApiResponse answer = operation.getResponses().get(status);
                    assertThat(answer).as(name + " " + status).isNotNull();
                    assertThat(answer.getContent().get("application/problem+json").getSchema().get$ref())
                            .as(name + " " + status).isEqualTo("#/components/schemas/Problem");
                }
                operations++;
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(20);
        assertThat(api.getComponents().getSchemas().get("Problem").getProperties())
                .containsKeys("type", "title", "status", "detail", "errors");
    }

    /**
     * The extract, the review and a conclusion answer 503 rather than incomplete (AccessExtractIT); every operation
     * answers 503 when the store gives no connection in time ({@code GatedPool}).
     */
    @Test
    void everyAnswerListsA503WithRetryAfterAndThoseThatAreCompleteOrRefusedSayWhy() {
        OpenAPI api = new OpenAPIV3Parser().readContents(anonymous.get("/v3/api-docs").rawBody(), null,
                new ParseOptions()).getOpenAPI();
        List<Operation> completeOrRefused = List.of(api.getPaths().get("/api/audit/access-extract").getGet(),
                api.getPaths().get("/api/audit/access-review").getGet(),
                api.getPaths().get("/api/audit/access-review/findings/{findingId}/conclusion").getPost());

        List<Operation> others = List.of(api.getPaths().get("/api/journals").getGet(),
                api.getPaths().get("/api/journals/{journalId}/timeline").getGet());

        for (Operation operation : Stream.concat(completeOrRefused.stream(), others.stream()).toList()) {
            io.swagger.v3.oas.models.responses.ApiResponse refused = operation.getResponses().get("503");
            assertThat(refused).as(operation.getOperationId()).isNotNull();
            assertThat(refused.getContent().get("application/problem+json").getSchema().get$ref())
                    .isEqualTo("#/components/schemas/Problem");
            assertThat(refused.getHeaders()).containsKey("Retry-After");
            assertThat(refused.getDescription()).as(operation.getOperationId()).contains("gave no connection")
                    .startsWith(completeOrRefused.contains(operation) ? "The answer would not be complete yet"
                            : "The store");
        }
    }

    @Test
    void theIdempotencyKeyIsDocumentedAsAnOptionalHeaderOfUpTo200Characters() {
        JsonNode paths = anonymous.get("/v3/api-docs").body().path("paths");

        for (String path : List.of("/api/journals", "/api/journals/{journalId}/notes",
                "/api/journals/{journalId}/escalations", "/api/journals/{journalId}/loyalty-conflicts")) {
            JsonNode key = null;
            for (JsonNode parameter : paths.path(path).path("post").path("parameters")) {
                if (parameter.path("name").asText().equals("Idempotency-Key")) {
                    key = parameter;
                }
            }
            assertThat(key).as(path).isNotNull();
            assertThat(key.path("in").asText()).isEqualTo("header");
            assertThat(key.path("required").asBoolean()).isFalse();
            assertThat(key.path("schema").path("minLength").asInt()).isEqualTo(1);
            assertThat(key.path("schema").path("maxLength").asInt()).isEqualTo(200);
        }
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
