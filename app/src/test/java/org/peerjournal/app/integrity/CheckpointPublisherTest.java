package org.peerjournal.app.integrity;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.LogLines;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every signed checkpoint leaves the database (docs/integrity.md): appended to the witness file and, when a witness
 * URL is configured, POSTed there as {@code text/plain}. A witness that refuses it costs a warning and nothing else:
 * the file still has it, and the next checkpoint is sent as usual (not the refused one again).
 */
class CheckpointPublisherTest {

    private static final String FIRST = "peer-journal.example/log\n3\nAAAA\n\n— peer-journal.example key-1 c2ln\n";
    private static final String SECOND = "peer-journal.example/log\n5\nBBBB\n\n— peer-journal.example key-1 c2ln\n";

    @TempDir
    Path dir;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer witness;

    @AfterEach
    void stopTheWitness() {
        witness.stop(0);
    }

    @Test
    void aCheckpointIsAppendedToTheWitnessFileAndPostedToTheWitnessAsText() throws Exception {
        URI url = startWitness(200);
        Path file = dir.resolve("witness/checkpoints.txt");
        CheckpointPublisher publisher = new CheckpointPublisher(file, url);

        publisher.publish(FIRST);
        publisher.publish(SECOND);

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        assertThat(received).containsExactlyInAnyOrder("text/plain; charset=utf-8 " + FIRST,
                "text/plain; charset=utf-8 " + SECOND);
        assertThat(Files.readString(file)).isEqualTo(FIRST + "\n" + SECOND + "\n");
    }

    @Test
    void aWitnessThatRefusesTheCheckpointStopsNothing() throws Exception {
        URI url = startWitness(503);
        Path file = dir.resolve("checkpoints.txt");
        CheckpointPublisher publisher = new CheckpointPublisher(file, url);
        try (LogLines logged = LogLines.of(CheckpointPublisher.class)) {
            publisher.publish(FIRST);
            publisher.publish(SECOND);

            await().atMost(Duration.ofSeconds(10)).until(() -> logged.lines().size() == 2);
            assertThat(logged.lines()).allSatisfy(line -> assertThat(line.getFormattedMessage())
                    .contains("did not take the checkpoint", "HTTP 503"));
        }
        assertThat(received).hasSize(2);
        assertThat(Files.readString(file)).isEqualTo(FIRST + "\n" + SECOND + "\n");
    }

    /** A witness on this machine answering every POST with {@code status}, keeping each body with its type. */
    private URI startWitness(int status) throws IOException {
        witness = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        witness.createContext("/checkpoints", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (exchange.getRequestMethod().equals("POST")) {
                received.add(exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        witness.start();
        return URI.create("http://127.0.0.1:" + witness.getAddress().getPort() + "/checkpoints");
    }
}
