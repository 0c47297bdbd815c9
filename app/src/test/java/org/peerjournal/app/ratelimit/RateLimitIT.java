package org.peerjournal.app.ratelimit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.StandaloneApp;
import org.peerjournal.app.support.WebBrowser;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerjournal.app.support.ProblemAssertions.assertProblem;

/**
 * Per-user limits on writes and on failed logins (the API's and the web app's sign-in form), end to end, with limits small enough to reach: 3 writes a minute,
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

    @Test
    void afterTooManyFailedSignInsTheFormSaysHowLongToWaitAndEvenTheRightPasswordWaits() throws Exception {
        WebBrowser browser = new WebBrowser(app.baseUrl());
        // The sign-in form and the API's Basic logins spend one allowance per name.
        assertThat(browser.signIn("bo", "guess-1").headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login?error"));
        assertProblem(app.client().as("bo", "guess-2").get("/api/journals"), 401);

        HttpResponse<String> refused = browser.signIn("bo", "bo-demo");

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(61, 300));
        String location = refused.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/login?tooMany=5"); // one failed login back per 5 minutes (2 per 10)
        HttpResponse<String> page = browser.get(location.substring(location.indexOf("/login")) + "&lang=en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"too-many-sign-ins\"",
                        "Too many failed sign-ins with this user name. Try again in 5 minutes.")
                .doesNotContain("Exception", "at org.");
        assertThat(browser.get("/app/journals").statusCode()).as("not signed in").isEqualTo(302);
        assertProblem(app.client().as("bo").get("/api/journals"), 429);
        HttpResponse<String> other = new WebBrowser(app.baseUrl()).signIn("anna", "anna-demo");
        assertThat(other.headers().firstValue("Location")).as("another name signs in as before")
                .hasValueSatisfying(signedIn -> assertThat(signedIn).doesNotContain("/login"));
    }

    private static Map<String, Object> journal(String patientRef) {
        return Map.of("patientRef", patientRef + "-" + UUID.randomUUID(), "displayName", "Kim", "teamId", "north");
    }
}
