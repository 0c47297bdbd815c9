package org.peerjournal.app.integrity;

import org.peerjournal.PeerJournalApplication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code verify} as the investigator would: a separate JVM on the application's main class (the test's own
 * classpath, so no packaged jar is needed), its exit code and output captured.
 */
record VerifyProcess(int exitCode, String output) {

    static VerifyProcess run(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                PeerJournalApplication.class.getName(), "verify"));
        command.addAll(args);
        try {
            // Into a file, not read from a pipe before waiting: reading would block past the time limit on a verify
            // that hangs.
            Path output = Files.createTempFile("verify-", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly().waitFor();
                    throw new IllegalStateException("verify did not end: " + Files.readString(output));
                }
                return new VerifyProcess(process.exitValue(), Files.readString(output));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + ":\n" + output;
    }
}
