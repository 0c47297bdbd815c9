package org.peerjournal.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What api.md promises of every error: problem+json with a status and a title, and nothing of the server's inside
 * (no stack trace, class name or SQL) in the body.
 */
public final class ProblemAssertions {

    private static final List<String> LEAKS = List.of("Exception", "org.", "java.", "SQL", "at org");

    private ProblemAssertions() {
    }

    /** Asserts the response is a well-formed problem of the given status; answers its body. */
    public static JsonNode assertProblem(ApiResponse response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        JsonNode body = response.body();
        assertThat(body).as(response.toString()).isNotNull();
        assertThat(body.path("status").asInt()).as(response.toString()).isEqualTo(status);
        assertThat(body.path("title").asText()).as(response.toString()).isNotBlank();
        for (String leak : LEAKS) {
            assertThat(response.rawBody()).as("an error body must not reveal the server's inside")
                    .doesNotContain(leak);
        }
        return body;
    }

    /** A 401 also tells the client how to authenticate. */
    public static JsonNode assertUnauthorized(ApiResponse response) {
        JsonNode body = assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(response.toString())
                .hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
        return body;
    }

    /** Asserts a 400 whose {@code errors} name the field; answers that field's error entry. */
    public static JsonNode assertInvalidField(ApiResponse response, String field) {
        assertProblem(response, 400);
        assertThat(fields(response)).as(response.toString()).contains(field);
        for (JsonNode error : response.body().path("errors")) {
            if (field.equals(error.path("field").asText())) {
                assertThat(error.path("message").asText()).as(response.toString()).isNotBlank();
                return error;
            }
        }
        throw new AssertionError("unreachable");
    }

    /** The fields the problem's {@code errors} name, in order; empty when it has none. */
    public static List<String> fields(ApiResponse response) {
        List<String> fields = new ArrayList<>();
        response.body().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    /** The problem body apart from {@code instance}, which names the request's own path. */
    public static JsonNode withoutInstance(JsonNode problem) {
        ObjectNode copy = problem.deepCopy();
        copy.remove("instance");
        return copy;
    }
}
