package org.peerjournal.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local HTTP server standing in for the organisation's alerting system: it records every notification POSTed
 * to it, checks each one's signature as docs/escalations.md tells receivers to (HMAC-SHA256 with {@link #SECRET}
 * over the timestamp header, a dot and the body), and can be told to fail for some escalations (always, or a
 * number of times) to exercise retries.
 */
public final class WebhookReceiver {

    /** The secret the application under test is given to sign its deliveries with. */
    public static final String SECRET = "test-webhook-secret-of-at-least-32-bytes";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final Set<String> alwaysFailing = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Runnable> holdNext = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ExecutorService handlers = Executors.newCachedThreadPool();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
        // A thread per request: an attempt held unanswered must not keep the next one waiting.
        server.setExecutor(handlers);
        server.createContext("/hook", exchange -> {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            JsonNode body = JSON.readTree(bytes);
            attempts.add(new Attempt(body, Instant.now(), signedCorrectly(exchange.getRequestHeaders(), bytes)));
            Runnable held = holdNext.getAndSet(null);
            if (held != null) {
                held.run();
                awaitStop();
                exchange.close();
                return;
            }
            String escalationId = body.path("escalationId").asText();
            AtomicInteger left = failuresLeft.get(escalationId);
            boolean fail = alwaysFailing.contains(escalationId) || (left != null && left.getAndDecrement() > 0);
            if (!fail) {
                received.add(body);
            }
            exchange.sendResponseHeaders(fail ? 503 : 204, -1);
            exchange.close();
        });
        server.start();
    }

    public static WebhookReceiver start() {
        try {
            return new WebhookReceiver(HttpServer.create(new InetSocketAddress("localhost", 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/hook";
    }

    public void failAlwaysFor(String escalationId) {
        alwaysFailing.add(escalationId);
    }

    public void failTimesFor(String escalationId, int times) {
        failuresLeft.put(escalationId, new AtomicInteger(times));
    }

    /** The notifications delivered successfully for one escalation, in arrival order. */
    public List<JsonNode> deliveredFor(String escalationId) {
        return received.stream().filter(n -> n.path("escalationId").asText().equals(escalationId)).toList();
    }

    /** Every delivery attempt for one escalation, failed ones included. */
    public List<JsonNode> attemptsFor(String escalationId) {
        return attempts.stream().map(Attempt::body)
                .filter(n -> n.path("escalationId").asText().equals(escalationId)).toList();
    }

    /** When each delivery attempt of one notification state (e.g. ACKNOWLEDGED) of an escalation arrived. */
    public List<Instant> attemptTimesFor(String escalationId, String state) {
        return attempts.stream()
                .filter(a -> a.body().path("escalationId").asText().equals(escalationId)
                        && a.body().path("state").asText().equals(state))
                .map(Attempt::at).toList();
    }

    /** How many deliveries were attempted so far, for any escalation, failed ones included. */
    public int attemptCount() {
        return attempts.size();
    }

    /** The delivery attempts whose signature did not match their body and timestamp, or was missing. */
    public long badlySignedAttempts() {
        return attempts.stream().filter(attempt -> !attempt.signedCorrectly()).count();
    }

    /** The settings that point the application at this receiver. */
    public String[] settings() {
        return new String[] {"peerjournal.notifications.webhook-url=" + url(),
                "peerjournal.notifications.signing-secret=" + SECRET};
    }

    /**
     * The next delivery attempt is answered never (until the receiver stops), as by a receiver that hangs; as it
     * arrives, {@code whenArrived} runs on the receiver's thread, before the sender's timeout can pass.
     */
    public void holdNextAttempt(Runnable whenArrived) {
        holdNext.set(whenArrived);
    }

    public void stop() {
        stopped.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    private void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean signedCorrectly(Headers headers, byte[] body) {
        String timestamp = headers.getFirst("X-PeerJournal-Timestamp");
        String signature = headers.getFirst("X-PeerJournal-Signature");
        if (timestamp == null || signature == null
                || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = ("v1=" + HexFormat.of().formatHex(mac.doFinal(body))).getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Attempt(JsonNode body, Instant at, boolean signedCorrectly) {
    }
}
