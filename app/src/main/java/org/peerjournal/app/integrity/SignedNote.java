package org.peerjournal.app.integrity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP signed note: the text (ending in a newline), a blank line, then one or more signature lines
 * {@code — <name> <base64(key id || signature)>}. The text of a checkpoint is C2SP tlog-checkpoint's
 * {@code origin \n tree size \n base64(root hash) \n}.
 */
public record SignedNote(String text, List<SignatureLine> signatures) {

    /** An em dash and a space: C2SP's signature line marker. */
    public static final String SIGNATURE_PREFIX = "\u2014 ";

    public record SignatureLine(String name, byte[] keyId, byte[] signature) {
    }

    /** Parses one note; throws IllegalArgumentException when it is not a well-formed signed note. */
    public static SignedNote parse(String note) {
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("A signed note has a blank line before its signatures");
        }
        String text = note.substring(0, split + 1);
        List<SignatureLine> signatures = new ArrayList<>();
        for (String line : note.substring(split + 2).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith(SIGNATURE_PREFIX)) {
                throw new IllegalArgumentException("Not a signature line: " + line);
            }
            String[] nameAndSignature = line.substring(SIGNATURE_PREFIX.length()).split(" ");
            if (nameAndSignature.length != 2) {
                throw new IllegalArgumentException("Not a signature line: " + line);
            }
            byte[] bytes = Base64.getDecoder().decode(nameAndSignature[1]);
            if (bytes.length < 5) {
                throw new IllegalArgumentException("Signature too short: " + line);
            }
            signatures.add(new SignatureLine(nameAndSignature[0], Arrays.copyOf(bytes, 4),
                    Arrays.copyOfRange(bytes, 4, bytes.length)));
        }
        if (signatures.isEmpty()) {
            throw new IllegalArgumentException("A signed note has at least one signature");
        }
        return new SignedNote(text, signatures);
    }

    /** The checkpoint in the text: origin, tree size, root hash. */
    public Checkpoint checkpoint() {
        return Checkpoint.parse(text);
    }
}
