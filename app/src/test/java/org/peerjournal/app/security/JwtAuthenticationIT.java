package org.peerjournal.app.security;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
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

    /** The failed-login limit is on, and low, to show that refused tokens do not count against it. */
    private static final int FAILED_LOGINS = 3;
    private static final String[] LIMITS = {"peerjournal.rate-limits.failed-logins=" + FAILED_LOGINS,
            "peerjournal.rate-limits.writes-per-minute=100000"};

    private static StandaloneApp app;
    private static TestTokens tokens;

    @BeforeAll
    static void start() {
        tokens = TestTokens.create(dataDir);
        app = StandaloneApp.start(dataDir, Stream.of(Arrays.stream(tokens.settings()), Arrays.stream(OIDC_CLIENT),
                Arrays.stream(LIMITS)).flatMap(settings -> settings).toArray(String[]::new));
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

    /**
     * A refused token is not a failed login (a signed token cannot be guessed, and counting per address would lock
     * out everyone behind one proxy): past the limit's number of refusals, a valid token is still served.
     */
    @Test
    void refusedTokensAreNotCountedAsFailedLogins() {
        String path = "/api/journals?teamId=east";
        for (int refused = 0; refused <= FAILED_LOGINS; refused++) {
            assertThat(bearer(TestTokens.foreignToken("lena", "TEAM_LEAD", "east")).get(path).status())
                    .isEqualTo(401);
        }

        assertThat(bearer(tokens.token("lena", "TEAM_LEAD", "east")).get(path).status()).isEqualTo(200);
    }

    /** Tokens that must authenticate nobody, each otherwise valid: one wrong or missing thing apiece. */
    static Stream<Arguments> refusedTokens() {
        Date anHourAgo = Date.from(Instant.now().minus(Duration.ofHours(1)));
        return Stream.of(
                Arguments.of("wrong audience", tokens.token("lena", "TEAM_LEAD", "east",
                        claims -> claims.audience("another-service"))),
                Arguments.of("no audience", tokens.token("lena", "TEAM_LEAD", "east",
                        claims -> claims.audience((String) null))),
                Arguments.of("our audience among others is fine, so this one names only others",
                        tokens.token("lena", "TEAM_LEAD", "east",
                                claims -> claims.audience(List.of("billing", "scheduling")))),
                Arguments.of("wrong issuer", tokens.token("lena", "TEAM_LEAD", "east",
                        claims -> claims.issuer("https://evil.test/realms/care"))),
                Arguments.of("no issuer", tokens.token("lena", "TEAM_LEAD", "east", claims -> claims.issuer(null))),
                Arguments.of("expired", tokens.expiredToken("lena", "TEAM_LEAD", "east")),
                Arguments.of("expired 45 s ago, beyond the 30 s clock skew", tokens.token("lena", "TEAM_LEAD", "east",
                        claims -> claims.issueTime(anHourAgo)
                                .expirationTime(Date.from(Instant.now().minusSeconds(45))))),
                Arguments.of("not valid before an hour from now", tokens.token("lena", "TEAM_LEAD", "east",
                        claims -> claims.notBeforeTime(Date.from(Instant.now().plus(Duration.ofHours(1)))))),
                Arguments.of("no exp", tokens.token("lena", "TEAM_LEAD", "east",
                        claims -> claims.expirationTime(null).issueTime(anHourAgo))),
                Arguments.of("alg none", TestTokens.unsignedToken("lena", "TEAM_LEAD", "east")),
                Arguments.of("signed with a key not trusted", TestTokens.foreignToken("lena", "TEAM_LEAD", "east")),
                Arguments.of("no sub (the user id)", tokens.token("lena", "TEAM_LEAD", "east",
                        claims -> claims.subject(null))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aTokenNotMeantForThisServiceOrNoLongerValidIsRefused(String why, String token) {
        ApiResponse response = bearer(token).getAllPages("/api/journals?teamId=east");

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.contentType()).contains("application/problem+json");
    }

    @Test
    void aTokenWithinTheClockSkewAndNamingUsAmongOtherAudiencesIsAccepted() {
        String token = tokens.token("lena", "TEAM_LEAD", "east", claims -> claims
                .audience(List.of("billing", TestTokens.AUDIENCE))
                .issueTime(Date.from(Instant.now().minusSeconds(60)))
                .expirationTime(Date.from(Instant.now().minusSeconds(10))));

        assertThat(bearer(token).getAllPages("/api/journals?teamId=east").status()).isEqualTo(200);
    }

    @Test
    void theUserIdIsTheSubjectNotTheNameAUserMayChange() {
        ApiClient lead = bearer(tokens.token("lena", "TEAM_LEAD", "east"));
        String journalId = lead.post("/api/journals", Map.of("patientRef", "E-4", "displayName", "Jo",
                "teamId", "east")).body().get("journalId").asText();

        ApiResponse events = bearer(tokens.token("ines", "AUDITOR", null))
                .get("/api/audit/journals/" + journalId + "/events");

        assertThat(events.body().get("events").get(0).get("actor").get("userId").asText()).isEqualTo("lena");
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
