package org.peerjournal.app.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerjournal.app.support.LogLines;
import org.peerjournal.shared.error.ActionNotPermittedException;
import org.peerjournal.shared.error.EntryNotFoundException;
import org.peerjournal.shared.error.InvalidFieldException;
import org.peerjournal.shared.error.JournalNotFoundException;
import org.peerjournal.shared.error.StateConflictException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure of the client's making that Axon or the query gateway hands over wrapped is answered as if it had been
 * thrown directly; any other wrapped failure is a bare 500, but for a store that gave no connection in time (503).
 */
class ApiExceptionHandlerTest {

    private final ApiExceptionHandler handler = new ApiExceptionHandler();

    static Stream<Arguments> wrappedFailures() {
        List<Function<Throwable, Exception>> wrappers = List.of(
                cause -> new CommandExecutionException("failed", cause), CompletionException::new);
        Map<Throwable, String> answers = Map.of(
                new JournalNotFoundException(UUID.randomUUID()), "404 No such journal",
                new AggregateNotFoundException("journal-1", "not there"), "404 No such journal",
                new EntryNotFoundException("No note 7"), "404 No note 7",
                new StateConflictException("The note is retracted"), "409 The note is retracted",
                new ConcurrencyException("journal-1 changed"),
                "409 The journal changed concurrently; retry the request",
                new ActionNotPermittedException("Only the author"), "403 Only the author",
                new InvalidFieldException("to", "must be later than from"),
                "400 The request has invalid fields [FieldProblem[field=to, message=must be later than from]]",
                new IllegalStateException("bug"), "500 The request could not be completed");
        return wrappers.stream().flatMap(wrap -> answers.entrySet().stream()
                .map(answer -> Arguments.of(wrap.apply(answer.getKey()), answer.getValue())));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("wrappedFailures")
    void aWrappedFailureIsAnsweredForItsCause(Exception wrapped, String expected) {
        ResponseEntity<Object> response = handler.answer(wrapped);

        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        ProblemDetail problem = (ProblemDetail) response.getBody();
        assertThat(problem.getStatus()).isEqualTo(response.getStatusCode().value());
        String errors = problem.getProperties() == null ? "" : " " + problem.getProperties().get("errors");
        assertThat(problem.getStatus() + " " + problem.getDetail() + errors).isEqualTo(expected);
    }

    /**
     * A store that gave no connection in time (HikariCP's timeout, or {@code GatedPool} while the embedded store is
     * packed) is a 503 to ask again after, logged as a warning, however deep in the failure Spring or Axon put it.
     */
    @Test
    void noConnectionToTheStoreIs503WithRetryAfterWhereverItIsWrapped() {
        SQLTransientConnectionException noConnection = new SQLTransientConnectionException("not within PT30S");
        try (LogLines logged = LogLines.of(ApiExceptionHandler.class)) {
            for (Exception failure : List.of(new CannotCreateTransactionException("no transaction",
                            new IllegalStateException("hibernate", noConnection)),
                    new CommandExecutionException("failed", new CannotGetJdbcConnectionException("jdbc",
                            noConnection)))) {
                ResponseEntity<Object> response = handler.answer(failure);

                assertThat(response.getStatusCode().value()).isEqualTo(503);
                assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
                assertThat(((ProblemDetail) response.getBody()).getDetail())
                        .startsWith("The store is not available right now").doesNotContain("PT30S");
            }
            assertThat(logged.lines()).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.WARN);
        }
    }

    @Test
    void aConcurrentChangeIsLoggedAtDebugAndAnUnexpectedFailureAtError() {
        try (LogLines logged = LogLines.of(ApiExceptionHandler.class).fromDebug()) {
            handler.answer(new CommandExecutionException("failed", new ConcurrencyException("journal-1 changed")));
            handler.answer(new ConcurrencyException("journal-1 changed"));
            handler.answer(new CommandExecutionException("failed", new IllegalStateException("bug")));

            assertThat(logged.lines()).extracting(ILoggingEvent::getLevel)
                    .containsExactly(Level.DEBUG, Level.DEBUG, Level.ERROR);
        }
    }
}
