package org.peerjournal.app.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Reads a server-sent event stream over a real HTTP connection, as a browser's EventSource would, and keeps every
 * event it sees. Close it to end the connection.
 */
public final class EventStreamReader implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ServerSentEvent> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile int status;
    private volatile Stream<String> lines;

    private EventStreamReader(String url, String authorization) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream")
                .header("Authorization", authorization).timeout(Duration.ofMinutes(5)).GET().build();
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> {
            status = r.statusCode();
            lines = r.body();
            collect(r.body());
        });
    }

    /** A stream opened by a demo user (HTTP Basic). */
    public static EventStreamReader open(String url, String user) {
        return new EventStreamReader(url, "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-demo")
                .getBytes(StandardCharsets.UTF_8)));
    }

    /** A stream opened with a bearer token. */
    public static EventStreamReader openWithBearer(String url, String token) {
        return new EventStreamReader(url, "Bearer " + token);
    }

    public int status() {
        return status;
    }

    public List<ServerSentEvent> events() {
        return List.copyOf(events);
    }

    public List<ServerSentEvent> events(String name) {
        return events.stream().filter(e -> name.equals(e.name())).toList();
    }

    private void collect(Stream<String> body) {
        String name = null;
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) body::iterator) {
                if (line.isEmpty()) {
                    if (name != null || !data.isEmpty()) {
                        events.add(new ServerSentEvent(name, data.toString(), Instant.now()));
                    }
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring("data:".length()));
                }
            }
        } catch (RuntimeException closed) {
            // the connection was closed: the events seen so far stay available
        }
    }

    @Override
    public void close() {
        Stream<String> open = lines;
        if (open != null) {
            open.close();
        }
        response.cancel(true);
    }

    /** One event: its name, its data (parsed as JSON on demand) and when it arrived. */
    public record ServerSentEvent(String name, String data, Instant receivedAt) {

        public JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Not JSON: " + data, e);
            }
        }
    }
}
