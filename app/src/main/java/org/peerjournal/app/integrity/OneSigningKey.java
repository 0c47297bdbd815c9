package org.peerjournal.app.integrity;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HexFormat;
import java.util.List;

/**
 * Every node on one database signs with the same key, or the store's checkpoints would be signed by several keys
 * and a verifier trusting one of them would call the others forged. A node therefore refuses to start, and its
 * sealer refuses to seal, while the latest checkpoint in the database was signed by another key, unless that key is
 * the one this node was told it replaces ({@code peerjournal.integrity.previous-key-id}, a deliberate rotation).
 */
final class OneSigningKey {

    private final NoteVerifier own;
    private final String previousKeyId;

    /** @param previousKeyId the hex key id of the key this one replaces; null or blank: none */
    OneSigningKey(NoteVerifier own, String previousKeyId) {
        this.own = own;
        this.previousKeyId = previousKeyId == null ? "" : previousKeyId.trim();
    }

    /** Throws {@link IllegalStateException} naming both keys when the latest checkpoint was signed by another. */
    void check(JdbcTemplate jdbc) {
        List<String> latest = jdbc.queryForList("select signed_note from checkpoint"
                + " where tree_size = (select max(tree_size) from checkpoint)", String.class);
        if (latest.isEmpty()) {
            return;
        }
        SignedNote note = SignedNote.parse(latest.get(0));
        boolean signedByOwnOrPrevious = note.signatures().stream().anyMatch(signature -> {
            String keyId = HexFormat.of().formatHex(signature.keyId());
            return keyId.equals(own.keyIdHex()) && signature.name().equals(own.name())
                    || keyId.equalsIgnoreCase(previousKeyId);
        });
        if (!signedByOwnOrPrevious) {
            SignedNote.SignatureLine signer = note.signatures().get(0);
            throw new IllegalStateException("The latest checkpoint in the database (tree size "
                    + note.checkpoint().treeSize() + ") was signed by key " + signer.name() + "+"
                    + HexFormat.of().formatHex(signer.keyId()) + ", but this node's signing key is " + own.name() + "+"
                    + own.keyIdHex() + ": every node on one database must sign with the same key (configure the"
                    + " same peerjournal.integrity.signing-key file on every node). To rotate to this key on purpose,"
                    + " set peerjournal.integrity.previous-key-id=" + HexFormat.of().formatHex(signer.keyId()));
        }
    }
}
