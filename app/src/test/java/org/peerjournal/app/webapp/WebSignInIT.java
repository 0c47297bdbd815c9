package org.peerjournal.app.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.WebBrowser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.web.ServerProperties;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web app's sign-in and safety at the HTTP level: a session cookie that scripts cannot read, CSRF tokens on
 * forms, a strict Content-Security-Policy, sign-out; and the API's own chain unchanged beside it.
 */
class WebSignInIT extends ApiIntegrationTest {

    @Test
    void aPageAsksForSignInAndSigningInGivesAnHttpOnlySameSiteSessionCookie() throws Exception {
        WebBrowser browser = new WebBrowser(baseUrl());
        HttpResponse<String> page = browser.get("/app/journals");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login"));

        HttpResponse<String> signedIn = browser.signIn("anna", "anna-demo");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String cookie = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(header -> header.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Lax").doesNotContain("Secure"); // plain HTTP here
        assertThat(browser.get("/app/journals").statusCode()).isEqualTo(200);
    }

    @Test
    void aSessionEndsAfterHalfAnHourWithoutARequest(@Autowired ServerProperties server) {
        assertThat(server.getServlet().getSession().getTimeout()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aTimelinePageIsLoggedAsTheApiReadBehindIt() throws Exception {
        String journalId = journals.openNorthJournal();
        journals.recordNote(journalId, "Read through a page.");
        journals.awaitTimelineEntries(journalId, "", 1);
        WebBrowser browser = new WebBrowser(baseUrl());
        browser.signIn("david", "david-demo");
        assertThat(browser.get("/app/journals/" + journalId).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                as("eva").get("/api/audit/journals/" + journalId + "/access-log").body().findValuesAsText("userId"))
                .contains("david"));
        JsonNode reads = as("eva").get("/api/audit/journals/" + journalId + "/access-log").body();
        JsonNode davids = StreamSupport.stream(reads.spliterator(), false)
                .filter(read -> read.get("userId").asText().equals("david")).findFirst().orElseThrow();
        assertThat(davids.get("action").asText()).isEqualTo("timeline");
        assertThat(davids.get("role").asText()).isEqualTo("TEAM_LEAD");
    }

    @Test
    void overTlsTheSessionCookieIsSecure() throws Exception {
        WebBrowser browser = new WebBrowser(baseUrl()).behindProxyWith("https");
        HttpResponse<String> signedIn = browser.signIn("anna", "anna-demo");
        assertThat(signedIn.headers().allValues("Set-Cookie")).filteredOn(header -> header.startsWith("JSESSIONID="))
                .singleElement().asString().contains("Secure", "HttpOnly", "SameSite=Lax");
    }

    @Test
    void aWrongPasswordSignsNobodyIn() throws Exception {
        WebBrowser browser = new WebBrowser(baseUrl());
        HttpResponse<String> refused = browser.signIn("anna", "wrong");
        assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?error"));
        assertThat(browser.get("/app/journals").statusCode()).isEqualTo(302);
    }

    @Test
    void everyPageHasAStrictContentSecurityPolicyWithoutInlineScript() throws Exception {
        WebBrowser browser = new WebBrowser(baseUrl());
        browser.signIn("anna", "anna-demo");
        HttpResponse<String> page = browser.get("/app/journals");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
                        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.body()).doesNotContainPattern("<script>|<script [^>]*>[^<]|\\son[a-z]+=|style=");
    }

    @Test
    void aFormSentWithoutItsCsrfTokenIsRefusedAndStoresNothing() throws Exception {
        String journalId = journals.openNorthJournal();
        WebBrowser browser = new WebBrowser(baseUrl());
        browser.signIn("anna", "anna-demo");
        HttpResponse<String> forged = browser.post("/app/journals/" + journalId + "/notes",
                "contactType=OTHER&occurredAt=2026-11-20T10:00&durationMinutes=10&text=forged", null);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(journals.timeline("clara", journalId, "").body().get("totalEntries").asInt()).isZero();
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        WebBrowser browser = new WebBrowser(baseUrl());
        browser.signIn("anna", "anna-demo");
        String token = browser.csrfOf("/app/journals");
        HttpResponse<String> signedOut = browser.post("/logout", "", token);
        assertThat(signedOut.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?signedOut"));
        assertThat(browser.get("/app/journals").statusCode()).isEqualTo(302);
    }

    @Test
    void theApiKeepsItsOwnStatelessChainBesideThePages() throws Exception {
        ApiResponse api = as("clara").get("/api/journals");
        assertThat(api.status()).isEqualTo(200);
        assertThat(anonymous.get("/api/journals").status()).isEqualTo(401);
        // A signed-in page's session is no credential for the API (only the page's escalation stream takes it).
        WebBrowser browser = new WebBrowser(baseUrl());
        browser.signIn("clara", "clara-demo");
        assertThat(browser.get("/api/journals").statusCode()).isEqualTo(401);
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl() + "/api/journals")).header("Authorization", basic("clara")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(raw.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void thePagesAreNoPartOfTheApisDescription() {
        JsonNode paths = anonymous.get("/v3/api-docs").body().path("paths");
        assertThat(paths.fieldNames()).toIterable().isNotEmpty()
                .allSatisfy(path -> assertThat(path).startsWith("/api/"));
    }

    private static String basic(String user) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + user + "-demo")
                .getBytes(StandardCharsets.UTF_8));
    }
}
