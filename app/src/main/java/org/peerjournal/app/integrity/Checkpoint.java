package org.peerjournal.app.integrity;

import java.util.Base64;

/** C2SP tlog-checkpoint body: the log's origin, its tree size and the RFC 6962 root hash of that many leaves. */
public record Checkpoint(String origin, long treeSize, byte[] rootHash) {

    public String text() {
        return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }

    public static Checkpoint parse(String text) {
        String[] lines = text.split("\n");
        if (lines.length < 3 || lines[0].isEmpty()) {
            throw new IllegalArgumentException("A checkpoint has an origin, a tree size and a root hash");
        }
        try {
            byte[] root = Base64.getDecoder().decode(lines[2]);
            if (root.length != Sha256.LENGTH) {
                throw new IllegalArgumentException("A checkpoint's root hash has 32 bytes");
            }
            return new Checkpoint(lines[0], Long.parseLong(lines[1]), root);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a tree size: " + lines[1], e);
        }
    }
}
