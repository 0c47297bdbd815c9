package org.peerjournal.app.security;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.StandaloneApp;
import org.peerjournal.app.support.TestTokens;

import org.springframework.core.env.Environment;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production authentication: bearer JWTs signed by the identity provider (here a key pair the test makes), with
 * user id, role and team taken from the token's claims. Controllers see the same actor as with the demo users.
 */
class JwtAuthenticationIT {

    @TempDir
    static Path dataDir;

    /** The web app's sign-in through the organisation's OpenID Connect provider (never contacted here). */
    private static final String[] OIDC_CLIENT = {
            "spring.security.oauth2.client.registration.org.client-id=peer-journal",
            "spring.security.oauth2.client.registration.org.client-secret=secret",
            "spring.security.oauth2.client.registration.org.scope=openid",
            "spring.security.oauth2.client.registration.org.authorization-grant-type=authorization_code",
            "spring.security.oauth2.client.registration.org.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
            "spring.security.oauth2.client.provider.org.authorization-uri=https://idp.example/authorize",
            "spring.security.oauth2.client.provider.org.token-uri=https://idp.example/token",
            "spring.security.oauth2.client.provider.org.jwk-set-uri=https://idp.example/keys"};

    private static StandaloneApp app;
    private static TestTokens tokens;

    @BeforeAll
    static void start() {
        tokens = TestTokens.create(dataDir);
        app = StandaloneApp.start(dataDir, Stream.concat(Arrays.stream(tokens.settings()),
                Stream.of(OIDC_CLIENT)).toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aTeamLeadsTokenOpensAJournalAndAPswsTokenRecordsInIt() {
        ApiClient lead = bearer(tokens.token("lena", "TEAM_LEAD", "east"));
        ApiResponse opened = lead.post("/api/journals",
                Map.of("patientRef", "E-1", "displayName", "Kim", "teamId", "east"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String journalId = opened.body().get("journalId").asText();

        ApiResponse recorded = bearer(tokens.token("pia", "PSW", "east"))
                .post("/api/journals/" + journalId + "/notes", JournalApi.note("Walk and talk."));
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);

        ApiResponse events = bearer(tokens.token("ines", "AUDITOR", null))
                .get("/api/audit/journals/" + journalId + "/events");
        assertThat(events.body().get("events").get(1).get("actor").get("userId").asText()).isEqualTo("pia");
        assertThat(events.body().get("events").get(1).get("actor").get("teamId").asText()).isEqualTo("east");
    }

    @Test
    void theTeamInTheTokenDecidesWhatTheUserReaches() {
        ApiClient lead = bearer(tokens.token("lena", "TEAM_LEAD", "east"));
        String journalId = lead.post("/api/journals", Map.of("patientRef", "E-2", "displayName", "Sam",
                "teamId", "east")).body().get("journalId").asText();

        ApiResponse outsider = bearer(tokens.token("otto", "PSW", "west"))
                .post("/api/journals/" + journalId + "/notes", JournalApi.note("Not my patient."));
        assertThat(outsider.status()).isEqualTo(404);
    }

    @Test
    void anExpiredForeignOrIncompleteTokenAuthenticatesNobody() {
        String path = "/api/journals?teamId=east";
        assertThat(bearer(tokens.expiredToken("lena", "TEAM_LEAD", "east")).get(path).status()).isEqualTo(401);
        assertThat(bearer(TestTokens.foreignToken("lena", "TEAM_LEAD", "east")).get(path).status()).isEqualTo(401);
        assertThat(bearer(tokens.token("lena", null, "east")).get(path).status()).isEqualTo(401);
        assertThat(bearer(tokens.token("lena", "CHIEF", "east")).get(path).status()).isEqualTo(401);
        assertThat(bearer(tokens.token("lena", "PSW", null)).get(path).status()).isEqualTo(401);
        assertThat(bearer(tokens.token("lena", "SYSTEM", "east")).get(path).status()).isEqualTo(401);
        ApiResponse garbage = bearer("not-a-jwt").get(path);
        assertThat(garbage.status()).isEqualTo(401);
        assertThat(garbage.contentType()).contains("application/problem+json");
    }

    @Test
    void aValidTokenWithTheWrongRoleIsForbidden() {
        ApiResponse clinician = bearer(tokens.token("cleo", "CLINICIAN", "east"))
                .post("/api/journals", Map.of("patientRef", "E-3", "displayName", "Al", "teamId", "east"));
        assertThat(clinician.status()).isEqualTo(403);
    }

    @Test
    void theWebAppSignsInThroughTheOrganisationsOpenIdConnectProvider() throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "http://localhost:" + app.bean(Environment.class).getProperty("local.server.port");
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.body()).contains("href=\"/oauth2/authorization/org\"");

        HttpResponse<String> start = http.send(HttpRequest.newBuilder(
                URI.create(base + "/oauth2/authorization/org")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(start.headers().firstValue("Location").orElseThrow())
                .startsWith("https://idp.example/authorize?")
                .contains("response_type=code", "client_id=peer-journal", "scope=openid", "state=",
                        "redirect_uri=" + base + "/login/oauth2/code/org");
    }

    private static ApiClient bearer(String token) {
        return app.client().withBearer(token);
    }
}
