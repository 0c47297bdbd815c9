package org.peerjournal.app.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.util.List;

/** Builds the problem+json bodies of api.md: title from the status, a plain detail, and field errors if any. */
final class Problems {

    private Problems() {
    }

    static ProblemDetail of(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    static ProblemDetail invalid(List<FieldProblem> errors) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "The request has invalid fields");
        problem.setProperty("errors", errors);
        return problem;
    }
}
