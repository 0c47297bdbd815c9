package org.peerjournal.app.benchmark;

import java.util.Arrays;
import java.util.List;

/**
 * The application settings a benchmark run is given on the command line, {@code -Dbench.settings=a=1,b=2}, so that
 * variants (other compaction rounds, other batch sizes) are measured by the same benchmark.
 */
final class ApplicationSettings {

    private ApplicationSettings() {
    }

    /** Each setting as {@code name=value}, as StandaloneApp takes them. */
    static List<String> fromCommandLine() {
        return Arrays.stream(System.getProperty("bench.settings", "").split(",")).map(String::trim)
                .filter(setting -> !setting.isEmpty()).toList();
    }
}
