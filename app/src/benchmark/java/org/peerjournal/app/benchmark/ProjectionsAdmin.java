package org.peerjournal.app.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The operator's view of the projections, over HTTP as an ADMIN: their lag, and their replay. */
final class ProjectionsAdmin {

    static final Duration POLL = Duration.ofMillis(100);

    private final ApiClient admin;

    ProjectionsAdmin(ApiClient admin) {
        this.admin = admin;
    }

    List<Status> statuses() {
        ApiResponse response = admin.get("/api/admin/projections");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<Status> statuses = new ArrayList<>();
        for (JsonNode node : response.body()) {
            statuses.add(new Status(node.get("name").asText(), node.get("state").asText(),
                    node.get("position").asLong(), node.get("head").asLong(), node.get("lag").asLong()));
        }
        return statuses;
    }

    /** Waits until every projection has processed every stored event; answers how long that took. */
    Duration awaitAllCaughtUp(Duration atMost) {
        long start = System.nanoTime();
        await("every projection at lag 0").atMost(atMost).pollInterval(POLL)
                .until(() -> statuses().stream().allMatch(Status::caughtUp));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    void replay(String name) {
        ApiResponse response = admin.post("/api/admin/projections/" + name + "/replay", Map.of());
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
    }

    /**
     * Replays the named projections at once and answers, per projection, the nanoseconds from the first replay
     * request until it was seen at lag 0 again (polled every 100 ms).
     */
    Map<String, Long> replayAndTime(Collection<String> names, Duration atMost) {
        Map<String, Long> finished = new HashMap<>();
        Set<String> seenBehind = new HashSet<>();
        long start = System.nanoTime();
        names.forEach(this::replay);
        // The replay request answers once the tables are cleared and the tokens reset: the rest is rebuilding.
        System.out.printf(Locale.ROOT, "  replay of %s: reset answered after %.1f s%n", names,
                (System.nanoTime() - start) / 1e9);
        await("replayed " + names).atMost(atMost).pollInterval(POLL).until(() -> {
            long now = System.nanoTime();
            for (Status status : statuses()) {
                if (!names.contains(status.name())) {
                    continue;
                }
                // Only a projection seen replaying can have finished: a stale status must not end the clock.
                if (!status.caughtUp()) {
                    seenBehind.add(status.name());
                } else if (seenBehind.contains(status.name())) {
                    finished.putIfAbsent(status.name(), now - start);
                }
            }
            return finished.keySet().containsAll(names);
        });
        return finished;
    }

    record Status(String name, String state, long position, long head, long lag) {

        /**
         * Every stored event processed. A replayed projection stays REPLAYING at lag 0 until the next new event:
         * Axon ends a replay only on an event past the position it was reset at.
         */
        boolean caughtUp() {
            return lag == 0 && ("RUNNING".equals(state) || "REPLAYING".equals(state));
        }
    }
}
