package org.peerjournal.query.api;

import org.junit.jupiter.api.Test;
import org.peerjournal.query.audit.AccessLog;
import org.peerjournal.query.stream.RaisedEscalations;
import org.peerjournal.query.stream.StreamItem;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class SseSinkTest {

    /**
     * Closing a stream whose request the container already ended (the client left) must not throw: Tomcat refuses
     * the completion with an IllegalStateException, which used to escape the stream's sender thread uncaught.
     */
    @Test
    void closingAStreamTheContainerAlreadyEndedIsQuiet() {
        CountingEmitter ended = new CountingEmitter(new IllegalStateException("A non-container (application) thread"
                + " attempted to use the AsyncContext after an error had occurred"));

        assertThatNoException().isThrownBy(() -> new EscalationQueryController.SseSink(ended, null, null).close());
        assertThat(ended.completions).hasValue(1);
    }

    /**
     * After a write failed the container ends the request itself (it tells Spring MVC, which completes it); the sink
     * then leaves the emitter alone, as Spring's {@code ResponseBodyEmitter#complete} asks.
     */
    @Test
    void aStreamWhoseWriteFailedIsLeftToTheContainerToEnd() {
        CountingEmitter departed = new CountingEmitter(null) {
            @Override
            public void send(SseEventBuilder builder) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        EscalationQueryController.SseSink sink = new EscalationQueryController.SseSink(departed, null, null);

        assertThatThrownBy(() -> sink.send(new StreamItem("subscribed", null, "north")))
                .isInstanceOf(IOException.class);
        sink.close();

        assertThat(departed.completions).hasValue(0);
    }

    /** A change that cannot be logged as shown is not sent, and the service ends the stream itself. */
    @Test
    void aStreamWhoseChangeCouldNotBeLoggedIsCompleted() {
        CountingEmitter open = new CountingEmitter(null);
        AccessLog accessLog = mock(AccessLog.class);
        when(accessLog.escalationStreamed(any(), any())).thenThrow(new IllegalStateException("store closed"));
        EscalationQueryController.SseSink sink = new EscalationQueryController.SseSink(open, null, accessLog);

        assertThatThrownBy(() -> sink.send(new StreamItem("escalation", "1:RAISED", RaisedEscalations.in("north"))))
                .isInstanceOf(IllegalStateException.class);
        sink.close();

        assertThat(open.completions).hasValue(1);
    }

    @Test
    void aStreamEndedByTheServiceIsCompleted() {
        CountingEmitter open = new CountingEmitter(null);

        new EscalationQueryController.SseSink(open, null, null).close();

        assertThat(open.completions).hasValue(1);
    }

    /** Counts its completions, each of which throws {@code onComplete} where given. */
    private static class CountingEmitter extends SseEmitter {

        final AtomicInteger completions = new AtomicInteger();
        private final RuntimeException onComplete;

        CountingEmitter(RuntimeException onComplete) {
            this.onComplete = onComplete;
        }

        @Override
        public synchronized void complete() {
            completions.incrementAndGet();
            if (onComplete != null) {
                throw onComplete;
            }
        }
    }
}
