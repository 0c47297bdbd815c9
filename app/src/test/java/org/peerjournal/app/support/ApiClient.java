package org.peerjournal.app.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small HTTP client for end-to-end tests: real requests to the running server, as one of the demo users
 * (or anonymously), with the body given as a map, a raw string, or bytes.
 */
public final class ApiClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final String baseUrl;
    private final String user;
    private final String password;
    private final Map<String, String> headers;

    private ApiClient(String baseUrl, String user, String password, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
        this.headers = headers;
    }

    public static ApiClient anonymous(String baseUrl) {
        return new ApiClient(baseUrl, null, null, Map.of());
    }

    /** Logs in as a demo user; the password follows the demo pattern {@code <user>-demo}. */
    public ApiClient as(String demoUser) {
        return as(demoUser, demoUser + "-demo");
    }

    /** Logs in with the given password, e.g. a wrong one. */
    public ApiClient as(String user, String password) {
        return new ApiClient(baseUrl, user, password, headers);
    }

    /** Authenticates with a bearer token instead of a demo user. */
    public ApiClient withBearer(String token) {
        return new ApiClient(baseUrl, null, null, headers).withHeader("Authorization", "Bearer " + token);
    }

    public ApiClient withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiClient(baseUrl, user, password, more);
    }

    public ApiResponse get(String path) {
        return send(request(path).GET());
    }

    /**
     * Every page of a paged list: follows the {@code Link rel="next"} headers and answers the last response with
     * all pages' entries as its body (the first failing response, if one fails).
     */
    public ApiResponse getAllPages(String path) {
        ApiResponse response = get(path);
        ArrayNode entries = JSON.createArrayNode();
        while (response.status() == 200) {
            response.body().forEach(entries::add);
            Optional<String> next = response.nextPage();
            if (next.isEmpty()) {
                return new ApiResponse(200, response.headers(), entries.toString(), entries);
            }
            response = get(next.get().substring(next.get().indexOf("/api/")));
        }
        return response;
    }

    public ApiResponse post(String path, Object body) {
        return postRaw(path, json(body), "application/json");
    }

    public ApiResponse postRaw(String path, String body, String contentType) {
        return postBytes(path, body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    public ApiResponse postBytes(String path, byte[] body, String contentType) {
        HttpRequest.Builder builder = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    /**
     * Posts the body as a stream of unknown length: the client sends it chunked, without a Content-Length, so the
     * server can only find out its size by reading it.
     */
    public ApiResponse postStreamed(String path, byte[] body, String contentType) {
        return send(request(path)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .header("Content-Type", contentType));
    }

    /**
     * Opens a server-sent event stream: an accepted stream (200) is read up to the end of its first event, as a
     * browser's EventSource would, and closed, answered with no body; a refused one is read whole like any other
     * answer. (Closed before its first event, Tomcat 10.1 could count the stream's request as in progress for good,
     * and the test JVM's shutdown then waited the whole graceful-shutdown phase.)
     */
    public ApiResponse openStream(String path) {
        try {
            HttpResponse<InputStream> response = HTTP.send(request(path).header("Accept", "text/event-stream")
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                String text = "";
                if (response.statusCode() == 200) {
                    readFirstEvent(body);
                } else {
                    text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                }
                return new ApiResponse(response.statusCode(), response.headers(), text,
                        parse(response.headers().firstValue("Content-Type").orElse(""), text));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads up to the blank line that ends a server-sent event, for at most 10 s, failing if the stream ends first. */
    private static void readFirstEvent(InputStream body) {
        boolean read = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            int previous = -1;
            for (int next = body.read(); next != -1; next = body.read()) {
                if (next == '\n' && previous == '\n') {
                    return true;
                }
                previous = next;
            }
            return false;
        }, "no first event within 10 s (the request's timeout ends with the headers)");
        assertTrue(read, "the stream ended before its first event");
    }

    public static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30));
        if (user != null) {
            String credential = user + ":" + password;
            builder.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credential.getBytes(StandardCharsets.UTF_8)));
        }
        headers.forEach(builder::header);
        return builder;
    }

    private static ApiResponse send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(response.statusCode(), response.headers(), response.body(),
                    parse(response.headers().firstValue("Content-Type").orElse(""), response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String contentType, String body) {
        if (!contentType.contains("json") || body.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unparseable JSON: " + body, e);
        }
    }
}
