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

import java.nio.file.Path;
import java.util.Map;

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
