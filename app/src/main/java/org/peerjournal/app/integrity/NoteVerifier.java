package org.peerjournal.app.integrity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A C2SP signed-note verifier key for Ed25519: {@code <name>+<hex key id>+<base64(0x01 || public key)>}, where the
 * key id is the first 4 bytes of {@code SHA-256(name || 0x0A || 0x01 || public key)}.
 */
public record NoteVerifier(String name, byte[] keyId, byte[] publicKey) {

    private static final byte ED25519_ALGORITHM = 0x01;

    public static NoteVerifier of(String name, byte[] publicKey) {
        MessageDigest digest = Sha256.digest();
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0x0A);
        digest.update(ED25519_ALGORITHM);
        digest.update(publicKey);
        return new NoteVerifier(name, Arrays.copyOf(digest.digest(), 4), publicKey);
    }

    /** Parses the text form; throws on anything that is not an Ed25519 verifier key with a matching key id. */
    public static NoteVerifier parse(String text) throws GeneralSecurityException {
        String[] parts = text.strip().split("\\+", 3);
        if (parts.length != 3) {
            throw new GeneralSecurityException("Not a note verifier key (name+keyid+key): " + text.strip());
        }
        byte[] algorithmAndKey;
        try {
            algorithmAndKey = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("Verifier key is not base64", e);
        }
        if (algorithmAndKey.length != 33 || algorithmAndKey[0] != ED25519_ALGORITHM) {
            throw new GeneralSecurityException("Not an Ed25519 verifier key");
        }
        NoteVerifier verifier = of(parts[0], Arrays.copyOfRange(algorithmAndKey, 1, 33));
        if (!verifier.keyIdHex().equalsIgnoreCase(parts[1])) {
            throw new GeneralSecurityException("Verifier key id does not match its key");
        }
        return verifier;
    }

    public String keyIdHex() {
        return HexFormat.of().formatHex(keyId);
    }

    /** The text form, as published and as given to the offline verifier. */
    public String text() {
        byte[] algorithmAndKey = ByteBuffer.allocate(33).put(ED25519_ALGORITHM).put(publicKey).array();
        return name + "+" + keyIdHex() + "+" + Base64.getEncoder().encodeToString(algorithmAndKey);
    }

    /** Whether the note carries a valid signature by this key. */
    public boolean verifies(SignedNote note) {
        for (SignedNote.SignatureLine line : note.signatures()) {
            if (line.name().equals(name) && Arrays.equals(line.keyId(), keyId) && checks(note.text(), line.signature())) {
                return true;
            }
        }
        return false;
    }

    private boolean checks(String text, byte[] signature) {
        try {
            PublicKey key = Ed25519.publicKey(publicKey);
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(text.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
