package org.peerjournal.app.integrity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 and the three ways this store combines it: a chain step and RFC 6962's leaf and node hashes. */
public final class Sha256 {

    public static final int LENGTH = 32;
    /** The chain head before a chain's first event. */
    public static final byte[] EMPTY_CHAIN = new byte[LENGTH];

    private static final byte RFC6962_LEAF_PREFIX = 0x00;
    private static final byte RFC6962_NODE_PREFIX = 0x01;
    private static final byte[] NO_BYTES = new byte[0];
    /** One digest per thread: looking a digest up costs more than hashing an event's few hundred bytes. */
    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(Sha256::digest);

    private Sha256() {
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** SHA-256 of the bytes; a missing column (null) hashes as no bytes. */
    public static byte[] of(byte[] bytes) {
        return DIGESTS.get().digest(bytes == null ? NO_BYTES : bytes);
    }

    /** {@code head_n = SHA-256(head_(n-1) || leaf_n)}. */
    public static byte[] chain(byte[] previousHead, byte[] leaf) {
        MessageDigest digest = DIGESTS.get();
        digest.update(previousHead);
        digest.update(leaf);
        return digest.digest();
    }

    /** RFC 6962 leaf hash: {@code SHA-256(0x00 || leaf)}; the tree's leaf data is an event's 32-byte leaf hash. */
    public static byte[] treeLeaf(byte[] leaf) {
        MessageDigest digest = DIGESTS.get();
        digest.update(RFC6962_LEAF_PREFIX);
        digest.update(leaf);
        return digest.digest();
    }

    /** RFC 6962 interior node: {@code SHA-256(0x01 || left || right)}. */
    public static byte[] treeNode(byte[] left, byte[] right) {
        MessageDigest digest = DIGESTS.get();
        digest.update(RFC6962_NODE_PREFIX);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }
}
