package org.peerjournal.app.support;

import org.peerjournal.app.integrity.SigningKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/** The one checkpoint signing key that every node on one database must be given (a node with another refuses). */
public final class SharedSigningKey {

    private SharedSigningKey() {
    }

    /** The setting that gives a node the key kept in {@code dir}, generated there by the first call. */
    public static String settingIn(Path dir) {
        return "peerjournal.integrity.signing-key=" + in(dir);
    }

    /** The key's file in {@code dir}, generated there by the first call. */
    public static synchronized Path in(Path dir) {
        Path pem = dir.resolve("shared-checkpoint-signing-key.pem");
        try {
            if (!Files.exists(pem)) {
                SigningKey.generate("peer-journal", pem);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return pem;
    }
}
