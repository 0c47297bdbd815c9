package org.peerjournal.app.integrity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Sends every signed checkpoint out of the database's reach: appended to the witness file (one note after the
 * other, each followed by a blank line) and, when configured, POSTed to a witness URL. A database rewritten later
 * cannot take back what left it here.
 */
public class CheckpointPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointPublisher.class);

    private final Path witnessFile;
    private final URI witnessUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public CheckpointPublisher(Path witnessFile, URI witnessUrl) {
        this.witnessFile = witnessFile;
        this.witnessUrl = witnessUrl;
    }

    public void publish(String signedNote) {
        appendToWitnessFile(signedNote);
        if (witnessUrl != null) {
            post(signedNote);
        }
    }

    private void appendToWitnessFile(String signedNote) {
        try {
            if (witnessFile.toAbsolutePath().getParent() != null) {
                Files.createDirectories(witnessFile.toAbsolutePath().getParent());
            }
            Files.writeString(witnessFile, signedNote + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            LOG.error("Could not append the checkpoint to the witness file {}", witnessFile, e);
        }
    }

    private void post(String signedNote) {
        HttpRequest request = HttpRequest.newBuilder(witnessUrl).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(signedNote, StandardCharsets.UTF_8)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null || response.statusCode() >= 300) {
                LOG.warn("The witness at {} did not take the checkpoint: {}", witnessUrl,
                        failure != null ? failure.toString() : "HTTP " + response.statusCode());
            }
        });
    }
}
