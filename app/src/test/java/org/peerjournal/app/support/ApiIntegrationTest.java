package org.peerjournal.app.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Base of the HTTP end-to-end tests: the whole application on a random port, on a file-based H2 store in a fresh
 * directory under target/ ({@link BuildDirectories}). All subclasses share one application context (and store), so
 * tests create their own journals with unique patientRefs and never assume an empty store. IMMEDIATE escalations
 * have a short deadline, checkpoints are signed every second, and notifications go to a local webhook receiver,
 * retried quickly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Spring Boot turns metrics export off in tests; the service's own /actuator/prometheus is under test here.
@AutoConfigureObservability(tracing = false)
public abstract class ApiIntegrationTest {

    /** The shared context's store (open to the end of the run, so no test removes it: {@link BuildDirectories}). */
    private static final Path DATA_DIR = BuildDirectories.newDirectory("peerjournal-it-");
    /** Receives the escalation notifications of every test; tests look up their own escalations in it. */
    protected static final WebhookReceiver WEBHOOK = WebhookReceiver.start();
    /** IMMEDIATE escalations go overdue after this in the end-to-end tests, so a test can wait for it. */
    protected static final Duration IMMEDIATE_DEADLINE = Duration.ofSeconds(3);

    @LocalServerPort
    private int port;

    protected ApiClient anonymous;
    protected JournalApi journals;

    @DynamicPropertySource
    static void embeddedStore(DynamicPropertyRegistry registry) {
        registry.add("peerjournal.data-dir", DATA_DIR::toString);
        registry.add("peerjournal.escalations.acknowledge-within.immediate", IMMEDIATE_DEADLINE::toString);
        registry.add("peerjournal.notifications.webhook-url", WEBHOOK::url);
        registry.add("peerjournal.notifications.signing-secret", () -> WebhookReceiver.SECRET);
        registry.add("peerjournal.notifications.initial-backoff", () -> "PT0.2S");
        registry.add("peerjournal.notifications.max-attempts", () -> "3");
        // Polled well below the backoff, so the spacing of retries shows the backoff rather than the polling.
        registry.add("peerjournal.notifications.poll-interval-ms", () -> "100");
        // The tests share users and write fast, some with wrong passwords on purpose; RateLimitIT tests the limits.
        registry.add("peerjournal.rate-limits.writes-per-minute", () -> "1000000");
        registry.add("peerjournal.rate-limits.failed-logins", () -> "1000000");
        // Tests open and drop many streams; a heartbeat every second notices the dropped ones and frees their slots.
        registry.add("peerjournal.streams.heartbeat", () -> "PT1S");
        // A checkpoint at most every second rather than every 10 s: tests that wait for a journal to be sealed into
        // a signed checkpoint wait about a second, not up to ten.
        registry.add("peerjournal.integrity.checkpoint-interval", () -> "PT1S");
    }

    @BeforeEach
    void connect() {
        anonymous = ApiClient.anonymous("http://localhost:" + port);
        journals = new JournalApi(anonymous);
    }

    protected ApiClient as(String user) {
        return anonymous.as(user);
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }
}
