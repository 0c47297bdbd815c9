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

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

    private static StandaloneApp app;
    private static TestTokens tokens;

    @BeforeAll
    static void start() {
        tokens = TestTokens.create(dataDir);
        app = StandaloneApp.start(dataDir, tokens.settings());
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

    private static ApiClient bearer(String token) {
        return app.client().withBearer(token);
    }
}
