package org.peerjournal.app.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.function.UnaryOperator;

/**
 * A stand-in identity provider for tests: an RSA key pair made by the test, the public key written as a PEM file
 * the application is pointed at, and signed tokens for this service (its issuer and audience) carrying a user id
 * ({@code sub}), a role and a team.
 */
public final class TestTokens {

    public static final String ISSUER = "https://idp.test/realms/care";
    public static final String AUDIENCE = "peer-journal";

    private final KeyPair keys;
    private final Path publicKeyFile;

    private TestTokens(KeyPair keys, Path publicKeyFile) {
        this.keys = keys;
        this.publicKeyFile = publicKeyFile;
    }

    public static TestTokens create(Path directory) {
        try {
            KeyPair keys = newKeyPair();
            Path file = directory.resolve("idp-public-key.pem");
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            Files.writeString(file, pem);
            return new TestTokens(keys, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings that make the application accept this provider's tokens, its key given as a PEM file. */
    public String[] settings() {
        return settings(ISSUER, "spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + publicKeyFile);
    }

    /** The settings for tokens from {@code issuer}, with the keys from {@code keySource} (one Spring Boot setting). */
    public static String[] settings(String issuer, String keySource) {
        return new String[] {"peerjournal.security.jwt.enabled=true",
                "peerjournal.security.jwt.issuer=" + issuer,
                "peerjournal.security.jwt.audience=" + AUDIENCE,
                keySource};
    }

    /** The public key as an identity provider publishes it: a JSON Web Key Set. */
    public String jwkSet() {
        return new JWKSet(new RSAKey.Builder((RSAPublicKey) keys.getPublic()).build()).toString();
    }

    public String token(String userId, String role, String team) {
        return token(userId, role, team, UnaryOperator.identity());
    }

    /** A token whose claims {@code change} alters after the valid ones are set, signed with the trusted key. */
    public String token(String userId, String role, String team, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(change.apply(claims(userId, role, team)).build(), (RSAPrivateKey) keys.getPrivate());
    }

    public String expiredToken(String userId, String role, String team) {
        return token(userId, role, team,
                claims -> claims.issueTime(Date.from(Instant.now().minus(Duration.ofHours(1))))
                        .expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(10)))));
    }

    /** A well-formed token signed with a key the application does not trust. */
    public static String foreignToken(String userId, String role, String team) {
        return sign(claims(userId, role, team).build(), (RSAPrivateKey) newKeyPair().getPrivate());
    }

    /** The same claims, unsigned ({@code "alg": "none"}). */
    public static String unsignedToken(String userId, String role, String team) {
        return new PlainJWT(claims(userId, role, team).build()).serialize();
    }

    private static JWTClaimsSet.Builder claims(String userId, String role, String team) {
        // The display name differs from the id, so a test sees which claim became the user id.
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(userId).issuer(ISSUER).audience(AUDIENCE)
                .claim("preferred_username", "display-" + userId).issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(10))));
        if (role != null) {
            claims.claim("peerjournal_role", role);
        }
        if (team != null) {
            claims.claim("peerjournal_team", team);
        }
        return claims;
    }

    private static String sign(JWTClaimsSet claims, RSAPrivateKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
