package org.peerjournal.app.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Base of the HTTP end-to-end tests: the whole application on a random port, on a file-based H2 store in a fresh
 * temporary directory. All subclasses share one application context (and store), so tests create their own
 * journals with unique patientRefs and never assume an empty store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiIntegrationTest {

    private static final Path DATA_DIR = createDataDir();

    @LocalServerPort
    private int port;

    protected ApiClient anonymous;
    protected JournalApi journals;

    @DynamicPropertySource
    static void embeddedStore(DynamicPropertyRegistry registry) {
        registry.add("peerjournal.data-dir", DATA_DIR::toString);
    }

    @BeforeEach
    void connect() {
        anonymous = ApiClient.anonymous("http://localhost:" + port);
        journals = new JournalApi(anonymous);
    }

    protected ApiClient as(String user) {
        return anonymous.as(user);
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("peerjournal-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
