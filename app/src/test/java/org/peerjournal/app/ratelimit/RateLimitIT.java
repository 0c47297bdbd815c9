package org.peerjournal.app.ratelimit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.StandaloneApp;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerjournal.app.support.ProblemAssertions.assertProblem;

/**
 * Per-user limits on writes and on failed logins, end to end, with limits small enough to reach: 3 writes a minute,
 * 2 failed logins per 10 minutes. The shared test application runs with limits no test reaches.
 */
class RateLimitIT {

    @TempDir
    static Path dataDir;

    private static StandaloneApp app;

    @BeforeAll
    static void start() {
        app = StandaloneApp.start(dataDir, "peerjournal.rate-limits.writes-per-minute=3",
                "peerjournal.rate-limits.failed-logins=2", "peerjournal.rate-limits.failed-login-window=PT10M");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aUsersWritesBeyondTheLimitAre429WithRetryAfterAndOtherUsersAreUnaffected() {
        ApiClient david = app.client().as("david");
        String journalId = null;
        for (int i = 0; i < 3; i++) {
            ApiResponse opened = david.post("/api/journals", journal("W-" + i));
            assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
            journalId = opened.body().get("journalId").asText();
        }

        ApiResponse refused = david.post("/api/journals", journal("W-over"));

        assertProblem(refused, 429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(david.get("/api/journals").status()).as("reads are not limited").isEqualTo(200);
        ApiResponse anna = app.client().as("anna").post("/api/journals/" + journalId + "/notes",
                JournalApi.note("Coffee and a walk."));
        assertThat(anna.status()).as(anna.toString()).isEqualTo(201);
    }

    @Test
    void afterTooManyFailedLoginsEvenTheRightPasswordIs429ForThatNameOnly() {
        ApiClient guesser = app.client().as("clara", "guess-1");
        assertProblem(guesser.get("/api/journals"), 401);
        assertProblem(app.client().as("clara", "guess-2").get("/api/journals"), 401);

        ApiResponse refused = app.client().as("clara").get("/api/journals");

        assertProblem(refused, 429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isGreaterThan(60));
        assertThat(app.client().as("eva").get("/api/audit/journals/" + UUID.randomUUID() + "/events").status())
                .as("another user logs in as before").isEqualTo(404);
    }

    private static Map<String, Object> journal(String patientRef) {
        return Map.of("patientRef", patientRef + "-" + UUID.randomUUID(), "displayName", "Kim", "teamId", "north");
    }
}
