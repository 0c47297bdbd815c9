package org.peerjournal.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * The service in a JVM of its own, on the tests' class path, so that a test can kill it with SIGKILL: no shutdown
 * hook runs, nothing is closed or released in order, as when a machine or process dies.
 */
public final class ChildProcessService implements AutoCloseable {

    private final Process process;
    private final String baseUrl;
    private final Path logFile;

    private ChildProcessService(Process process, String baseUrl, Path logFile) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.logFile = logFile;
    }

    /**
     * Starts the service with these settings ({@code name=value}) and returns once it answers; its output goes to a
     * log file in {@code logDir}.
     */
    public static ChildProcessService start(Path logDir, String... settings) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(),
                // C1 alone: the child only starts and takes a few requests, and without the C2 compiler's work a
                // cold JVM starts sooner on few cores.
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "org.peerjournal.PeerJournalApplication", "--server.port=" + port));
        for (String setting : settings) {
            command.add("--" + setting);
        }
        try {
            Path logFile = logDir.resolve("service-" + port + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logFile.toFile()).start();
            ChildProcessService service = new ChildProcessService(process, "http://localhost:" + port, logFile);
            try {
                await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                        .until(() -> service.client().get("/actuator/health").status() == 200);
            } catch (RuntimeException notStarted) {
                service.close();
                throw notStarted;
            }
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ApiClient client() {
        return ApiClient.anonymous(baseUrl);
    }

    /** The service's output so far. */
    public String log() {
        try {
            return Files.readString(logFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process if it still runs, and waits until it is gone (it may still be writing to its files). */
    @Override
    public void close() {
        kill();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
