package org.peerjournal.query.api;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class SseSinkTest {

    /**
     * Closing a stream whose request the container already ended (the client left) must not throw: Tomcat refuses
     * the completion with an IllegalStateException, which used to escape the stream's sender thread uncaught.
     */
    @Test
    void closingAStreamTheContainerAlreadyEndedIsQuiet() {
        AtomicInteger completions = new AtomicInteger();
        SseEmitter ended = new SseEmitter() {
            @Override
            public synchronized void complete() {
                completions.incrementAndGet();
                throw new IllegalStateException("A non-container (application) thread attempted to use the"
                        + " AsyncContext after an error had occurred");
            }
        };

        assertThatNoException().isThrownBy(() -> new EscalationQueryController.SseSink(ended, null, null).close());
        assertThat(completions).hasValue(1);
    }
}
