package org.peerjournal.app.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.ConstraintViolationException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.peerjournal.query.stream.TooManyStreamsException;
import org.peerjournal.shared.error.ActionNotPermittedException;
import org.peerjournal.shared.error.EntryNotFoundException;
import org.peerjournal.shared.error.InvalidFieldException;
import org.peerjournal.shared.error.JournalNotFoundException;
import org.peerjournal.shared.error.ReadModelBehindException;
import org.peerjournal.shared.error.StateConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.io.IOException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Maps every failure to problem+json. Details name the input that was wrong, never a class, a stack trace or SQL;
 * anything unexpected becomes a bare 500 and is logged here, on the server.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    /** A read model catching up, a store being packed: either is worth asking again in a few seconds. */
    private static final String RETRY_AFTER_SECONDS = "5";

    /**
     * The one table of expected failures (the client's making, or a read model not ready: 503) and how each is
     * answered, whether thrown directly or handed over wrapped by Axon or the query gateway. A concurrent change is a
     * normal outcome under load (the client retries), so it is logged at DEBUG only; anything not in the table is a
     * 500 logged at ERROR.
     */
    private static final List<CauseHandler<?>> CAUSES = List.of(
            new CauseHandler<>(JournalNotFoundException.class, cause -> journalNotFound()),
            new CauseHandler<>(AggregateNotFoundException.class, cause -> journalNotFound()),
            new CauseHandler<>(EntryNotFoundException.class,
                    cause -> Problems.of(HttpStatus.NOT_FOUND, cause.getMessage())),
            new CauseHandler<>(StateConflictException.class,
                    cause -> Problems.of(HttpStatus.CONFLICT, cause.getMessage())),
            new CauseHandler<>(ConcurrencyException.class, ApiExceptionHandler::concurrentChange),
            new CauseHandler<>(ActionNotPermittedException.class,
                    cause -> Problems.of(HttpStatus.FORBIDDEN, cause.getMessage())),
            new CauseHandler<>(ReadModelBehindException.class,
                    cause -> Problems.of(HttpStatus.SERVICE_UNAVAILABLE, cause.getMessage())),
            new CauseHandler<>(TooManyStreamsException.class,
                    cause -> Problems.of(HttpStatus.TOO_MANY_REQUESTS, cause.getMessage())),
            new CauseHandler<>(AuthenticationCredentialsNotFoundException.class,
                    cause -> Problems.of(HttpStatus.UNAUTHORIZED, "Valid credentials are required")),
            new CauseHandler<>(InvalidFieldException.class,
                    cause -> Problems.invalid(cause.field(), cause.getMessage())),
            new CauseHandler<>(ConstraintViolationException.class, cause -> Problems.invalid(
                    cause.getConstraintViolations().stream()
                            .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                            .toList())));

    /** Answers a failure from {@link #CAUSES}; Axon and the query gateway wrap handler failures in these two. */
    @ExceptionHandler({JournalNotFoundException.class, AggregateNotFoundException.class, EntryNotFoundException.class,
            StateConflictException.class, ConcurrencyException.class, ActionNotPermittedException.class,
            ReadModelBehindException.class, TooManyStreamsException.class,
            AuthenticationCredentialsNotFoundException.class, InvalidFieldException.class,
            ConstraintViolationException.class, CommandExecutionException.class, CompletionException.class})
    ResponseEntity<Object> answer(Exception e) {
        Throwable cause = e instanceof CommandExecutionException || e instanceof CompletionException
                ? e.getCause() : e;
        return CAUSES.stream().filter(handler -> handler.handles(cause)).findFirst()
                .map(handler -> problem(handler.answer(cause)))
                .orElseGet(() -> unexpected(e));
    }

    /**
     * Anything else is a 500, but for a store that gave no connection within the pool's connection timeout (the
     * embedded store packed or not opened again: {@code GatedPool}; every connection in use): 503, wherever in the
     * request it happened. The client asks again later, with the same {@code Idempotency-Key} for a write.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (causedBy(e, SQLTransientConnectionException.class)) {
            log.warn("A request got no connection to the store: {}", e.getMessage());
            return problem(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "The store is not available right now; ask"
                    + " again shortly (a write with the same Idempotency-Key, so that it is done once)"));
        }
        log.error("Unexpected failure while serving a request", e);
        return problem(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "The request could not be completed"));
    }

    private static ProblemDetail journalNotFound() {
        return Problems.of(HttpStatus.NOT_FOUND, "No such journal");
    }

    private static ProblemDetail concurrentChange(ConcurrencyException e) {
        log.debug("Write conflict answered 409: {}", e.getMessage());
        return Problems.of(HttpStatus.CONFLICT, "The journal changed concurrently; retry the request");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldProblem(f.getField(), f.getDefaultMessage()))
                .toList();
        return problem(Problems.invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String field = error instanceof FieldError f ? f.getField() : parameterName(result);
                errors.add(new FieldProblem(field, error.getDefaultMessage()));
            }
        });
        return problem(Problems.invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedBy(e, RequestBodyTooLargeException.class)) {
            return problem(Problems.bodyTooLarge());
        }
        if (e.getCause() instanceof StreamReadException syntax && syntax.getProcessor() != null
                && syntax.getOriginalMessage().startsWith("Duplicate field")) {
            return problem(Problems.invalid(currentName(syntax.getProcessor()), "appears more than once"));
        }
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                && !causedBy(mapping, StreamReadException.class)) {
            return problem(Problems.invalid(path(mapping), describe(mapping)));
        }
        if (e.getCause() instanceof MismatchedInputException trailing
                && trailing.getOriginalMessage().startsWith("Trailing token")) {
            return problem(Problems.of(HttpStatus.BAD_REQUEST, "The request body must be one JSON object and"
                    + " nothing after it"));
        }
        return problem(Problems.of(HttpStatus.BAD_REQUEST, "The request body is not valid JSON"));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        String message = "has an invalid value";
        Class<?> type = e.getRequiredType();
        if (type != null && type.isEnum()) {
            message = "must be one of " + allowedValues(type);
        } else if (type != null && (type.getSimpleName().equals("UUID"))) {
            message = "must be a UUID";
        } else if (type != null && type.getSimpleName().equals("Instant")) {
            message = "must be an ISO-8601 UTC instant such as 2026-11-20T14:00:00Z";
        }
        return problem(Problems.invalid(field, message));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(Problems.invalid(e.getParameterName(), "is required"));
    }

    /** Spring's own problems (415, 405, 404 for unknown paths...) keep their status but get our title. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        HttpStatus status = HttpStatus.valueOf(statusCode.value());
        String detail = body instanceof ProblemDetail problem && problem.getDetail() != null
                ? problem.getDetail() : status.getReasonPhrase();
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(status, detail));
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            answer.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return answer.body(problem);
    }

    /**
     * Whether a cause of {@code e} is of this type. Jackson, for one, wraps a syntax error found inside a property's
     * value with that property's path: the body is still malformed JSON, not a field with a wrong value.
     */
    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String currentName(JsonParser parser) {
        try {
            return Objects.requireNonNullElse(parser.currentName(), "body");
        } catch (IOException e) {
            return "body";
        }
    }

    private static String describe(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a field of this request";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            Class<?> type = mismatch.getTargetType();
            if (type.isEnum()) {
                return "must be one of " + allowedValues(type);
            }
            if (type.getSimpleName().equals("Instant")) {
                return "must be an ISO-8601 UTC instant such as 2026-11-20T14:00:00Z";
            }
            if (type == Integer.class || type == int.class) {
                return "must be a whole number";
            }
            if (type == String.class) {
                return "must be a string";
            }
            return "has an invalid value or type";
        }
        return "has an invalid value or type";
    }

    private static String allowedValues(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }

    /**
     * Names a parameter as the client sends it: a header by its header name, whether Spring reads it
     * ({@code @RequestHeader}) or a resolver does and the API description names it ({@code @Parameter}).
     */
    private static String parameterName(ParameterValidationResult result) {
        MethodParameter parameter = result.getMethodParameter();
        MergedAnnotations annotations = MergedAnnotations.from(parameter.getParameterAnnotations());
        return Stream.of(annotations.get(RequestHeader.class), annotations.get(Parameter.class))
                .filter(MergedAnnotation::isPresent)
                .map(annotation -> annotation.getString("name"))
                .filter(name -> !name.isEmpty())
                .findFirst()
                .orElseGet(() -> Objects.requireNonNullElse(parameter.getParameterName(), "parameter"));
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    /** How failures of one type are answered. */
    private record CauseHandler<T extends Throwable>(Class<T> type, Function<T, ProblemDetail> handler) {

        boolean handles(Throwable cause) {
            return type.isInstance(cause);
        }

        ProblemDetail answer(Throwable cause) {
            return handler.apply(type.cast(cause));
        }
    }
}
