package org.peerjournal.app.integrity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** C2SP signed notes with Ed25519: format, key id, and what a signature does and does not vouch for. */
class SignedNoteTest {

    @TempDir
    Path dir;

    @Test
    void aCheckpointIsSignedInTheC2spNoteFormat() throws Exception {
        SigningKey key = SigningKey.generate("example.org/log", dir.resolve("key.pem"));
        Checkpoint checkpoint = new Checkpoint("example.org/log", 5, Sha256.of(new byte[] {1}));

        String note = key.sign(checkpoint.text());

        String[] lines = note.split("\n");
        assertThat(lines[0]).isEqualTo("example.org/log");
        assertThat(lines[1]).isEqualTo("5");
        assertThat(lines[3]).isEmpty();
        assertThat(lines[4]).startsWith("\u2014 example.org/log ");
        byte[] keyIdAndSignature = Base64.getDecoder().decode(lines[4].split(" ")[2]);
        assertThat(keyIdAndSignature).hasSize(4 + 64);
        MessageDigest digest = Sha256.digest();
        digest.update("example.org/log\n".getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0x01);
        digest.update(key.verifier().publicKey());
        assertThat(Arrays.copyOf(keyIdAndSignature, 4)).isEqualTo(Arrays.copyOf(digest.digest(), 4));
        assertThat(SignedNote.parse(note).checkpoint()).usingRecursiveComparison().isEqualTo(checkpoint);
    }

    @Test
    void theSignatureVerifiesUnderItsKeyOnlyAndNotAfterAChange() throws Exception {
        SigningKey key = SigningKey.generate("log", dir.resolve("key.pem"));
        SigningKey other = SigningKey.generate("log", dir.resolve("other.pem"));
        String note = key.sign(new Checkpoint("log", 3, Sha256.of(new byte[0])).text());

        assertThat(key.verifier().verifies(SignedNote.parse(note))).isTrue();
        assertThat(other.verifier().verifies(SignedNote.parse(note))).isFalse();
        assertThat(key.verifier().verifies(SignedNote.parse(note.replaceFirst("\n3\n", "\n4\n")))).isFalse();
    }

    @Test
    void aKeyReadBackFromItsPemFileHasTheSamePublicKey() throws Exception {
        SigningKey generated = SigningKey.generate("log", dir.resolve("key.pem"));
        SigningKey read = SigningKey.read("log", dir.resolve("key.pem"));

        assertThat(read.verifier().text()).isEqualTo(generated.verifier().text());
        assertThat(NoteVerifier.parse(read.verifier().text()).text()).isEqualTo(generated.verifier().text());
    }

    @Test
    void aBrokenKeyFileIsRefused() throws Exception {
        Files.writeString(dir.resolve("broken.pem"), "not a key");
        assertThatThrownBy(() -> SigningKey.read("log", dir.resolve("broken.pem")))
                .isInstanceOf(java.security.GeneralSecurityException.class);
        assertThatThrownBy(() -> NoteVerifier.parse("log+00000000+AAAA")).isInstanceOf(
                java.security.GeneralSecurityException.class);
    }
}
