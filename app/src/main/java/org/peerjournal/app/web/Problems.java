package org.peerjournal.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.peerjournal.shared.journal.JournalLimits;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * Builds every problem+json body of the API (api.md): title from the status, a plain detail, field errors if any.
 * Controllers' failures reach it through {@link ApiExceptionHandler}; filters that answer before any controller
 * (security, body size, rate limits) write theirs with {@link #write}.
 */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("about:blank"));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    static ProblemDetail invalid(List<FieldProblem> errors) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "The request has invalid fields");
        problem.setProperty("errors", errors);
        return problem;
    }

    static ProblemDetail invalid(String field, String message) {
        return invalid(List.of(new FieldProblem(field, message)));
    }

    static ProblemDetail bodyTooLarge() {
        return of(HttpStatus.PAYLOAD_TOO_LARGE, "Request bodies are limited to " + JournalLimits.MAX_BODY_BYTES
                + " bytes");
    }

    /** Writes a problem as the whole response, for answers given before the request reaches a controller. */
    public static void write(HttpServletResponse response, ObjectMapper objectMapper, ProblemDetail problem)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
