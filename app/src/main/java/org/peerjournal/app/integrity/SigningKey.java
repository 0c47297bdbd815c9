package org.peerjournal.app.integrity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The checkpoint signing key: Ed25519, read from a PKCS#8 PEM file (never from the database), with the public
 * half derived from it and published as a C2SP note verifier key ({@link NoteVerifier}).
 */
public final class SigningKey {

    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";

    private final String name;
    private final PrivateKey privateKey;
    private final NoteVerifier verifier;

    private SigningKey(String name, PrivateKey privateKey, PublicKey publicKey) {
        this.name = name;
        this.privateKey = privateKey;
        this.verifier = NoteVerifier.of(name, Ed25519.rawPublicKey(publicKey));
    }

    /** Reads the key from its PEM file. */
    public static SigningKey read(String name, Path pemFile) throws IOException, GeneralSecurityException {
        String pem = Files.readString(pemFile, StandardCharsets.US_ASCII);
        int begin = pem.indexOf(PEM_BEGIN);
        int end = pem.indexOf(PEM_END);
        if (begin < 0 || end < begin) {
            throw new GeneralSecurityException(pemFile + " is not a PKCS#8 PEM private key");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + PEM_BEGIN.length(), end));
        PrivateKey privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        return new SigningKey(name, privateKey, Ed25519.publicKeyOf(privateKey));
    }

    /** Generates a new key into a PEM file readable by its owner only. */
    public static SigningKey generate(String name, Path pemFile) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String pem = PEM_BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded()) + "\n" + PEM_END + "\n";
        if (pemFile.getParent() != null) {
            Files.createDirectories(pemFile.getParent());
        }
        Files.writeString(pemFile, pem, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(pemFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: the directory's own protection applies
        }
        return new SigningKey(name, pair.getPrivate(), pair.getPublic());
    }

    public String name() {
        return name;
    }

    public NoteVerifier verifier() {
        return verifier;
    }

    /** The note with this key's signature line appended (C2SP signed-note). */
    public String sign(String noteText) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(noteText.getBytes(StandardCharsets.UTF_8));
            byte[] signature = signer.sign();
            byte[] keyIdAndSignature = Arrays.copyOf(verifier.keyId(), 4 + signature.length);
            System.arraycopy(signature, 0, keyIdAndSignature, 4, signature.length);
            return noteText + "\n" + SignedNote.SIGNATURE_PREFIX + name + " "
                    + Base64.getEncoder().encodeToString(keyIdAndSignature) + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }
}
