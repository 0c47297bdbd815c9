package org.peerjournal.app.security;

import org.junit.jupiter.api.Test;
import org.peerjournal.PeerJournalApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoUsersOnlyOnEmbeddedStoreTest {

    @Test
    void demoUsersOnAnotherStoreAreRefused() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(DemoUsersOnlyOnEmbeddedStore.ENABLED, "true")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/peerjournal");

        assertThatThrownBy(() -> DemoUsersOnlyOnEmbeddedStore.check(environment))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Demo users are enabled");
    }

    @Test
    void demoUsersOnTheEmbeddedStoreAreAccepted() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(DemoUsersOnlyOnEmbeddedStore.ENABLED, "true")
                .withProperty("spring.datasource.url", "jdbc:h2:file:./data/peerjournal");

        assertThatCode(() -> DemoUsersOnlyOnEmbeddedStore.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void anotherStoreWithoutDemoUsersIsAccepted() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(DemoUsersOnlyOnEmbeddedStore.ENABLED, "false")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/peerjournal");

        assertThatCode(() -> DemoUsersOnlyOnEmbeddedStore.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void theApplicationRefusesToStartWithDemoUsersOnAnotherStore() {
        SpringApplicationBuilder app = new SpringApplicationBuilder(PeerJournalApplication.class);

        assertThatThrownBy(() -> app.run("--server.port=0", "--spring.datasource.url=jdbc:postgresql://localhost:1/x")
                .close()).hasStackTraceContaining("Demo users are enabled");
    }
}
