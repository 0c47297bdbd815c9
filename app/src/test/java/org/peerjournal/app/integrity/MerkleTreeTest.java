package org.peerjournal.app.integrity;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 6962 hashing: the incremental tree agrees with the recursive definition, and audit paths verify. */
class MerkleTreeTest {

    @Test
    void theIncrementalRootIsRfc6962sRootAtEverySize() {
        MerkleTree tree = new MerkleTree();
        List<byte[]> leaves = new ArrayList<>();
        assertThat(tree.root()).isEqualTo(MerkleTree.rootOf(leaves));
        for (int i = 0; i < 70; i++) {
            byte[] leaf = Sha256.of(new byte[] {(byte) i});
            leaves.add(leaf);
            tree.append(leaf);
            assertThat(tree.root()).as("size %d", i + 1).isEqualTo(MerkleTree.rootOf(leaves));
        }
    }

    @Test
    void theHashesArePrefixedAsRfc6962Says() {
        byte[] a = "a".getBytes(StandardCharsets.UTF_8);
        byte[] b = "b".getBytes(StandardCharsets.UTF_8);
        byte[] leafA = Sha256.of(new byte[] {0x00, 'a'});
        byte[] leafB = Sha256.of(new byte[] {0x00, 'b'});
        byte[] node = new byte[65];
        node[0] = 0x01;
        System.arraycopy(leafA, 0, node, 1, 32);
        System.arraycopy(leafB, 0, node, 33, 32);

        assertThat(MerkleTree.rootOf(List.of(a, b))).isEqualTo(Sha256.of(node));
        // RFC 6962's empty tree: SHA-256 of no bytes.
        assertThat(HexFormat.of().formatHex(new MerkleTree().root()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void everyLeafsAuditPathVerifiesAndAnotherLeafsDoesNot() {
        List<byte[]> leaves = new ArrayList<>();
        for (int size = 1; size <= 33; size++) {
            leaves.add(Sha256.of(new byte[] {(byte) size}));
            byte[] root = MerkleTree.rootOf(leaves);
            for (int index = 0; index < size; index++) {
                List<byte[]> path = MerkleTree.inclusionProof(index, leaves);
                assertThat(MerkleTree.verifyInclusion(leaves.get(index), index, size, path, root)).isTrue();
                assertThat(MerkleTree.verifyInclusion(Sha256.of(new byte[] {-1}), index, size, path, root))
                        .isFalse();
            }
        }
    }
}
