package org.peerjournal.query.projection;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoordinatorBackOffTest {

    private final CoordinatorBackOff executor = new CoordinatorBackOff("timeline", Duration.ofMillis(20));

    @AfterEach
    void shutDown() {
        executor.shutdownNow();
    }

    @Test
    void theWaitOnAFullBufferIsShortened() {
        assertThat(executor.delayFor(100, TimeUnit.MILLISECONDS)).isEqualTo(20);
    }

    @Test
    void everyOtherDelayTheCoordinatorAsksForIsKept() {
        // none (go on at once), no availability callback, the token claim interval, the error back-off
        assertThat(executor.delayFor(0, TimeUnit.MILLISECONDS)).isZero();
        assertThat(executor.delayFor(500, TimeUnit.MILLISECONDS)).isEqualTo(500);
        assertThat(executor.delayFor(5_000, TimeUnit.MILLISECONDS)).isEqualTo(5_000);
        assertThat(executor.delayFor(100, TimeUnit.SECONDS)).isEqualTo(100);
    }

    @Test
    void aWaitUnderAMillisecondIsRefused() {
        assertThatThrownBy(() -> new CoordinatorBackOff("timeline", Duration.ofNanos(500_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("full-buffer-wait");
    }

    @Test
    void itsThreadIsNamedAsAxonNamesACoordinators() throws Exception {
        String name = executor.schedule(() -> Thread.currentThread().getName(), 0, TimeUnit.MILLISECONDS).get();

        assertThat(name).startsWith("Coordinator[timeline]");
    }

    @Test
    void axonIsTheVersionWhoseCoordinatorWasRead() throws IOException {
        // The 100 ms this executor recognises is a constant inside Axon's Coordinator, not an API: on another version
        // read Coordinator.CoordinationTask.run again, then change this test.
        Properties axon = new Properties();
        try (InputStream pom = getClass().getResourceAsStream(
                "/META-INF/maven/org.axonframework/axon-messaging/pom.properties")) {
            axon.load(pom);
        }
        assertThat(axon.getProperty("version")).isEqualTo("4.13.0");
    }
}
