package org.peerjournal.app.store;

import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test JVMs run H2 without its internal assertions, as production does: with them on (Surefire's default),
 * every commit walks all of the store's chunks under H2's chunk-save lock, and tests and benchmarks would time an
 * H2 nobody runs. Our own assertions stay on. The flag is the build's {@code argLine} (pom.xml).
 */
class TestsRunH2AsProductionDoesTest {

    @Test
    void h2AssertionsAreOffAndOursOn() {
        assertThat(MVStore.class.desiredAssertionStatus()).as("H2's assertions").isFalse();
        assertThat(getClass().desiredAssertionStatus()).as("our assertions").isTrue();
    }
}
