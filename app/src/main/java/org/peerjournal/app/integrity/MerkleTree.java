package org.peerjournal.app.integrity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The right edge of an RFC 6962 Merkle tree (a "compact range"): the roots of its perfect subtrees, largest
 * first. Appending a leaf merges equal-sized subtrees; the root folds them from the right, which is exactly
 * RFC 6962's MTH for any tree size. Memory is O(log n), so the sealer and the verifier never hold the leaves.
 */
public final class MerkleTree {

    private final List<byte[]> subtreeRoots = new ArrayList<>();
    private long size;

    public long size() {
        return size;
    }

    /** Appends a leaf given as its 32-byte leaf data (an event's leaf hash). */
    public void append(byte[] leafData) {
        byte[] node = Sha256.treeLeaf(leafData);
        long merged = size;
        // Each trailing one bit of the old size is a perfect subtree of the same height as the new node.
        while ((merged & 1) == 1) {
            node = Sha256.treeNode(subtreeRoots.remove(subtreeRoots.size() - 1), node);
            merged >>= 1;
        }
        subtreeRoots.add(node);
        size++;
    }

    /** RFC 6962 MTH of the leaves so far; the hash of no bytes for the empty tree. */
    public byte[] root() {
        if (size == 0) {
            return Sha256.of(new byte[0]);
        }
        byte[] root = subtreeRoots.get(subtreeRoots.size() - 1);
        for (int i = subtreeRoots.size() - 2; i >= 0; i--) {
            root = Sha256.treeNode(subtreeRoots.get(i), root);
        }
        return root;
    }

    /** RFC 6962 MTH over leaf data given in full (for proofs and tests). */
    public static byte[] rootOf(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            return Sha256.of(new byte[0]);
        }
        if (leaves.size() == 1) {
            return Sha256.treeLeaf(leaves.get(0));
        }
        int split = largestPowerOfTwoBelow(leaves.size());
        return Sha256.treeNode(rootOf(leaves.subList(0, split)), rootOf(leaves.subList(split, leaves.size())));
    }

    /** RFC 6962 PATH(m, D[n]): the audit path of leaf {@code index}, bottom up. */
    public static List<byte[]> inclusionProof(int index, List<byte[]> leaves) {
        List<byte[]> path = new ArrayList<>();
        collectPath(index, leaves, path);
        return path;
    }

    private static void collectPath(int index, List<byte[]> leaves, List<byte[]> path) {
        if (leaves.size() <= 1) {
            return;
        }
        int split = largestPowerOfTwoBelow(leaves.size());
        if (index < split) {
            collectPath(index, leaves.subList(0, split), path);
            path.add(rootOf(leaves.subList(split, leaves.size())));
        } else {
            collectPath(index - split, leaves.subList(split, leaves.size()), path);
            path.add(rootOf(leaves.subList(0, split)));
        }
    }

    /** RFC 9162 section 2.1.3.2: checks an audit path of leaf {@code index} in a tree of {@code size} leaves. */
    public static boolean verifyInclusion(byte[] leafData, long index, long size, List<byte[]> path, byte[] root) {
        if (index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = Sha256.treeLeaf(leafData);
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = Sha256.treeNode(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = Sha256.treeNode(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    private static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }
}
