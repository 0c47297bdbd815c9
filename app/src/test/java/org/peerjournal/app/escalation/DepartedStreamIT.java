package org.peerjournal.app.escalation;

import org.apache.catalina.core.StandardContext;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.query.stream.LiveEscalationStreams;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that leaves a live stream frees both its slot and its request: the request must not stay in progress
 * until the stream's lifetime (30 minutes), because the web server's graceful shutdown waits for every request in
 * progress.
 */
class DepartedStreamIT extends ApiIntegrationTest {

    /** The tests' heartbeat is a second; a departed client shows at the first or second write after it left. */
    private static final Duration TO_END = Duration.ofSeconds(10);

    @Autowired
    ServletWebServerApplicationContext context;
    @Autowired
    LiveEscalationStreams streams;

    /** Stopping ends the streams before the web server's graceful shutdown waits for its requests (operations.md). */
    @Test
    void streamsEndBeforeTheWebServerWaitsForItsRequests() {
        assertThat(streams.getPhase()).isGreaterThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE);
    }

    @Test
    void aClientThatLeftFreesItsSlotAndItsRequestAtTheNextHeartbeat() {
        StandardContext tomcat = (StandardContext) ((TomcatWebServer) context.getWebServer()).getTomcat().getHost()
                .findChildren()[0];
        // Streams the tests before left behind end at their next heartbeats: counted from none, the one below is
        // the only one that can be open.
        await().atMost(TO_END).until(() -> streams.openStreams() == 0 && tomcat.getInProgressAsyncCount() == 0);

        assertThat(as("clara").openStream("/api/escalations/stream").status()).isEqualTo(200);

        await().atMost(TO_END).until(() -> streams.openStreams() == 0 && tomcat.getInProgressAsyncCount() == 0);
    }
}
