package org.peerjournal.app.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * A stand-in identity provider for tests: an RSA key pair made by the test, the public key written as a PEM file
 * the application is pointed at, and signed tokens carrying a user, a role and a team.
 */
public final class TestTokens {

    private final KeyPair keys;
    private final Path publicKeyFile;

    private TestTokens(KeyPair keys, Path publicKeyFile) {
        this.keys = keys;
        this.publicKeyFile = publicKeyFile;
    }

    public static TestTokens create(Path directory) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            Path file = directory.resolve("idp-public-key.pem");
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            Files.writeString(file, pem);
            return new TestTokens(keys, file);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings that make the application accept this provider's tokens. */
    public String[] settings() {
        return new String[] {"peerjournal.security.jwt.enabled=true",
                "spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + publicKeyFile};
    }

    public String token(String userId, String role, String team) {
        return sign(userId, role, team, Instant.now().plus(Duration.ofMinutes(10)), (RSAPrivateKey) keys.getPrivate());
    }

    public String expiredToken(String userId, String role, String team) {
        return sign(userId, role, team, Instant.now().minus(Duration.ofMinutes(10)),
                (RSAPrivateKey) keys.getPrivate());
    }

    /** A well-formed token signed with a key the application does not trust. */
    public static String foreignToken(String userId, String role, String team) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(userId, role, team, Instant.now().plus(Duration.ofMinutes(10)),
                    (RSAPrivateKey) generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(String userId, String role, String team, Instant expiry, RSAPrivateKey key) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject("sub-" + userId)
                .claim("preferred_username", userId).issueTime(new Date()).expirationTime(Date.from(expiry));
        if (role != null) {
            claims.claim("peerjournal_role", role);
        }
        if (team != null) {
            claims.claim("peerjournal_team", team);
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
