package org.peerjournal.app.webapp;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.LogLines;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.ui.ConcurrentModel;

import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page whose request got no connection to the store in time (the embedded store packed or not opened again,
 * every connection busy) is a 503 page that says to try again, logged as a warning; anything unknown a 500 page.
 */
class PageAdviceTest {

    private final PageAdvice advice = new PageAdvice(() -> {
        throw new AssertionError("a failure page does not ask who is signed in");
    });

    @Test
    void noConnectionToTheStoreIsA503PageAndAnythingUnknownA500Page() {
        try (LogLines logged = LogLines.of(PageAdvice.class)) {
            assertThat(answer(new CannotCreateTransactionException("no transaction",
                    new IllegalStateException("hibernate", new SQLTransientConnectionException("not in PT30S")))))
                    .isEqualTo("503 error.unavailable");
            assertThat(answer(new IllegalStateException("bug"))).isEqualTo("500 error.unexpected");

            assertThat(logged.lines()).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.ERROR);
        }
    }

    private String answer(Exception failure) {
        ConcurrentModel model = new ConcurrentModel();
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertThat(advice.failure(failure, model, response)).isEqualTo("page-error");
        return response.getStatus() + " " + model.getAttribute("message");
    }
}
