package org.peerjournal.app.security;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.StandaloneApp;
import org.peerjournal.app.support.TestTokens;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity provider's keys from where a provider publishes them, as production configures it: its JSON Web Key
 * Set ({@code jwk-set-uri}) or its OpenID configuration found from its issuer ({@code issuer-uri}), here served by
 * an HTTP server in the test. Either way a token the provider signed for this service authenticates, and the
 * service's own checks apply on top of what Spring's decoder for that source checks (CheckedJwtDecoder): another
 * issuer, another audience or another key authenticates nobody. (JwtAuthenticationIT gives the key as a PEM file
 * and refuses a token for each reason there is.)
 */
class JwtKeySourcesIT {

    private static final String KEYS_PATH = "/protocol/openid-connect/certs";
    private static final String PATH = "/api/journals?teamId=east";

    @TempDir
    static Path providerDir;

    @TempDir
    Path dataDir;

    private static HttpServer provider;
    private static String issuer;
    private static TestTokens tokens;
    /** A key pair the provider does not publish. */
    private static TestTokens foreign;

    @BeforeAll
    static void publishTheProvidersKeys() throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + provider.getAddress().getPort() + "/realms/care";
        tokens = TestTokens.create(providerDir);
        foreign = TestTokens.create(Files.createDirectories(providerDir.resolve("foreign")));
        serve("/realms/care" + KEYS_PATH, tokens.jwkSet());
        serve("/realms/care/.well-known/openid-configuration", "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\""
                + issuer + KEYS_PATH + "\",\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
        provider.start();
    }

    @AfterAll
    static void stopTheProvider() {
        provider.stop(0);
    }

    @Test
    void keysFromTheProvidersJwkSetUri() {
        try (StandaloneApp app = StandaloneApp.start(dataDir, TestTokens.settings(issuer,
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer + KEYS_PATH))) {
            onlyTheProvidersTokensForThisServiceAuthenticate(app);
        }
    }

    @Test
    void keysFromTheProvidersIssuerUri() {
        try (StandaloneApp app = StandaloneApp.start(dataDir, TestTokens.settings(issuer,
                "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer))) {
            onlyTheProvidersTokensForThisServiceAuthenticate(app);
        }
    }

    private static void onlyTheProvidersTokensForThisServiceAuthenticate(StandaloneApp app) {
        assertThat(status(app, tokens.token("lena", "TEAM_LEAD", "east", claims -> claims.issuer(issuer))))
                .isEqualTo(200);
        assertThat(status(app, tokens.token("lena", "TEAM_LEAD", "east",
                claims -> claims.issuer(issuer).audience("another-service")))).as("another audience").isEqualTo(401);
        assertThat(status(app, tokens.token("lena", "TEAM_LEAD", "east",
                claims -> claims.issuer("https://idp.test/realms/other")))).as("another issuer").isEqualTo(401);
        assertThat(status(app, foreign.token("lena", "TEAM_LEAD", "east",
                claims -> claims.issuer(issuer)))).as("another key").isEqualTo(401);
    }

    private static int status(StandaloneApp app, String token) {
        return app.client().withBearer(token).get(PATH).status();
    }

    private static void serve(String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        provider.createContext(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }
}
