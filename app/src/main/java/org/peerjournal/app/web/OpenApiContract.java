package org.peerjournal.app.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.peerjournal.shared.error.CompleteOrRefused;
import org.peerjournal.shared.journal.JournalLimits;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The edges of the contract in the published OpenAPI document: how every operation is authenticated (HTTP Basic
 * with the demo users on the embedded store, a bearer JWT in production; whichever this instance accepts), and the
 * problem+json answers every operation can give besides its success (among them the 503 of a store that gives no
 * connection in time), and the 503 of those that answer only when complete.
 */
@Configuration
class OpenApiContract {

    static final String PROBLEM = "Problem";
    static final String BASIC = "basicAuth";
    static final String BEARER = "bearerJwt";
    private static final String STORE_NOT_AVAILABLE = "The store gave no connection within the pool's timeout (the"
            + " embedded store being packed, or every connection busy)";

    /** The 4xx answers of every operation, and those that only requests with a body can get. */
    private static final Map<HttpStatus, String> EVERY_OPERATION = answers(
            HttpStatus.BAD_REQUEST, "Invalid input: errors name each wrong field or parameter",
            HttpStatus.UNAUTHORIZED, "No valid credentials",
            HttpStatus.FORBIDDEN, "The caller's role or team does not allow this request",
            HttpStatus.NOT_FOUND, "No such journal or entry, or one of another team",
            HttpStatus.TOO_MANY_REQUESTS, "Too many requests or failed logins by this user; see Retry-After",
            HttpStatus.SERVICE_UNAVAILABLE, STORE_NOT_AVAILABLE + "; see Retry-After");
    private static final Map<HttpStatus, String> WITH_A_BODY = answers(
            HttpStatus.CONFLICT, "The request conflicts with the journal's state or a concurrent change",
            HttpStatus.PAYLOAD_TOO_LARGE, "The body is over " + JournalLimits.MAX_BODY_BYTES + " bytes",
            HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The body is not application/json");
    private static final Map<HttpStatus, String> WHILE_READ_MODELS_CATCH_UP = answers(
            HttpStatus.SERVICE_UNAVAILABLE, "The answer would not be complete yet (a read model it is built from has"
                    + " not handled every stored event), or " + STORE_NOT_AVAILABLE.toLowerCase(Locale.ROOT)
                    + "; see Retry-After");

    @Bean
    OpenApiCustomizer contractEdges(@Value("${peerjournal.security.demo-users.enabled:false}") boolean basic,
            @Value("${peerjournal.security.jwt.enabled:false}") boolean bearer) {
        return openApi -> {
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.setComponents(components);
            components.addSchemas(PROBLEM, problemSchema());
            List<SecurityRequirement> security = new ArrayList<>();
            if (basic) {
                components.addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                        .scheme("basic").description("The demo users (embedded store only)"));
                security.add(new SecurityRequirement().addList(BASIC));
            }
            if (bearer) {
                components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                        .scheme("bearer").bearerFormat("JWT")
                        .description("A token of the organisation's identity provider for this service's audience"));
                security.add(new SecurityRequirement().addList(BEARER));
            }
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                operation.setSecurity(security);
                addAnswers(operation, EVERY_OPERATION);
                if (method == PathItem.HttpMethod.POST || operation.getRequestBody() != null) {
                    addAnswers(operation, WITH_A_BODY);
                }
            }));
        };
    }

    /** The 503 of the endpoints marked {@link CompleteOrRefused}: for an incomplete answer as well. */
    @Bean
    OperationCustomizer completeOrRefusedAnswer() {
        return (operation, handler) -> {
            if (handler.hasMethodAnnotation(CompleteOrRefused.class)) {
                addAnswers(operation, WHILE_READ_MODELS_CATCH_UP);
            }
            return operation;
        };
    }

    private static void addAnswers(Operation operation, Map<HttpStatus, String> answers) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        answers.forEach((status, description) -> {
            ApiResponse answer = new ApiResponse().description(description).content(new Content().addMediaType(
                    org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            if (status == HttpStatus.TOO_MANY_REQUESTS || status == HttpStatus.SERVICE_UNAVAILABLE) {
                answer.addHeaderObject("Retry-After", new io.swagger.v3.oas.models.headers.Header()
                        .description("Seconds until the request may be repeated").schema(new IntegerSchema()));
            }
            responses.putIfAbsent(String.valueOf(status.value()), answer);
        });
    }

    /** The body {@link Problems} builds (RFC 9457), with the field errors of a 400. */
    private static Schema<?> problemSchema() {
        ObjectSchema fieldProblem = new ObjectSchema();
        fieldProblem.addProperty("field", new StringSchema().description("The field, parameter or header"));
        fieldProblem.addProperty("message", new StringSchema().description("What is wrong with it"));
        ObjectSchema problem = new ObjectSchema();
        problem.description("An error (application/problem+json, RFC 9457); never internals");
        problem.addProperty("type", new StringSchema().example("about:blank"));
        problem.addProperty("title", new StringSchema().example("Bad Request"));
        problem.addProperty("status", new IntegerSchema().example(400));
        problem.addProperty("detail", new StringSchema().example("The request has invalid fields"));
        problem.addProperty("instance", new StringSchema().example("/api/journals"));
        problem.addProperty("errors", new ArraySchema().items(fieldProblem)
                .description("Present on 400 answers about input: one entry per wrong field"));
        problem.required(List.of("title", "status"));
        return problem;
    }

    private static Map<HttpStatus, String> answers(Object... statusAndDescription) {
        Map<HttpStatus, String> answers = new LinkedHashMap<>();
        for (int i = 0; i < statusAndDescription.length; i += 2) {
            answers.put((HttpStatus) statusAndDescription[i], (String) statusAndDescription[i + 1]);
        }
        return answers;
    }
}
