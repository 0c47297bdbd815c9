package org.peerjournal.app.operations;

import com.fasterxml.jackson.databind.JsonNode;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The operations endpoints of api.md as olle (ADMIN) uses them, and waiting for the read side to catch up. */
final class AdminApi {

    /** Every event processor of the application, the side-effect one included. */
    static final List<String> PROCESSORS = List.of("access-log", "escalation-notifications", "escalation-queue",
            "journal-directory", "timeline");
    /** The processors that only build tables and may be rebuilt. */
    static final List<String> REPLAYABLE = List.of("access-log", "escalation-queue", "journal-directory",
            "timeline");

    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private final ApiClient olle;

    AdminApi(ApiClient anonymous) {
        this.olle = anonymous.as("olle");
    }

    JsonNode projections() {
        ApiResponse response = olle.get("/api/admin/projections");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    JsonNode projection(String name) {
        for (JsonNode projection : projections()) {
            if (name.equals(projection.path("name").asText())) {
                return projection;
            }
        }
        throw new AssertionError("no projection " + name + " in " + projections());
    }

    ApiResponse replay(String name) {
        return olle.postBytes("/api/admin/projections/" + name + "/replay", new byte[0], null);
    }

    JsonNode reconciliation() {
        ApiResponse response = olle.get("/api/admin/reconciliation");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    /** The check of one event type in a reconciliation answer. */
    static JsonNode eventType(JsonNode reconciliation, String eventType) {
        for (JsonNode check : reconciliation.path("eventTypes")) {
            if (eventType.equals(check.path("eventType").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check of " + eventType + " in " + reconciliation);
    }

    /** The count whose measure starts with this prefix, in the check of one event type. */
    static JsonNode measure(JsonNode reconciliation, String eventType, String measurePrefix) {
        for (JsonNode count : eventType(reconciliation, eventType).path("projections")) {
            if (count.path("measure").asText().startsWith(measurePrefix)) {
                return count;
            }
        }
        throw new AssertionError("no measure " + measurePrefix + "… of " + eventType + " in " + reconciliation);
    }

    /** Waits until every processor runs, is not replaying, and has processed every stored event. */
    JsonNode awaitCaughtUp() {
        return await().atMost(CATCH_UP).until(this::projections, AdminApi::allCaughtUp);
    }

    /** Waits until the projection has finished a replay: running again, whatever events arrived meanwhile. */
    void awaitRebuilt(String name) {
        await().atMost(CATCH_UP).until(() -> projection(name), projection ->
                "RUNNING".equals(projection.path("state").asText()) && projection.path("segments").asInt() > 0);
    }

    private static boolean allCaughtUp(JsonNode projections) {
        List<String> caughtUp = new ArrayList<>();
        for (JsonNode projection : projections) {
            if ("RUNNING".equals(projection.path("state").asText()) && projection.path("lag").asLong() == 0
                    && projection.path("segments").asInt() > 0) {
                caughtUp.add(projection.path("name").asText());
            }
        }
        return caughtUp.containsAll(PROCESSORS);
    }
}
