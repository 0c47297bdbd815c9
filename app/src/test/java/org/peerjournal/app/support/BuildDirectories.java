package org.peerjournal.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Directories for stores that outlive a test class's JUnit {@code @TempDir} (a context shared by many classes, a
 * store seeded once for a class's tests): under the module's build directory rather than in /tmp, so that
 * {@code mvn clean} removes them, and runs on a developer's machine do not pile up stores in /tmp.
 */
public final class BuildDirectories {

    /** The module's build directory, found from its test classes, not from the directory the tests run in. */
    private static final Path BUILD_DIR = buildDirectory();

    private BuildDirectories() {
    }

    private static Path buildDirectory() {
        try {
            return Path.of(BuildDirectories.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new directory {@code target/<prefix><random>}. */
    public static Path newDirectory(String prefix) {
        try {
            Files.createDirectories(BUILD_DIR);
            return Files.createTempDirectory(BUILD_DIR, prefix).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
