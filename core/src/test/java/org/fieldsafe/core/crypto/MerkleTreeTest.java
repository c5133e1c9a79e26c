package org.fieldsafe.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 9162 / RFC 6962 Merkle trees, checked against the Certificate Transparency reference vectors (the eight
 * leaves below, the roots of their first 1..8 leaves and inclusion proofs) and against the RFC's recursive
 * definition for every tree size up to 70.
 */
class MerkleTreeTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f"};
    private static final String[] ROOTS = {
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    private static List<byte[]> leafHashes(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(MerkleTree.leafHash(HEX.parseHex(LEAVES[i])));
        }
        return out;
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }

    @Test
    void root_referenceVectors() {
        for (int n = 1; n <= LEAVES.length; n++) {
            assertThat(HEX.formatHex(MerkleTree.of(leafHashes(n)).root())).as("root of %d leaves", n)
                    .isEqualTo(ROOTS[n - 1]);
        }
    }

    @Test
    void path_referenceVectors() {
        assertThat(hex(MerkleTree.of(leafHashes(8)).path(0))).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(hex(MerkleTree.of(leafHashes(8)).path(5))).containsExactly(
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertThat(hex(MerkleTree.of(leafHashes(3)).path(2)))
                .containsExactly("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
        assertThat(hex(MerkleTree.of(leafHashes(5)).path(1))).containsExactly(
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
        assertThat(MerkleTree.of(leafHashes(1)).path(0)).isEmpty();
    }

    /** MTH(D[n]) of RFC 9162 section 2.1.1, written as the RFC states it. */
    private static byte[] recursiveRoot(List<byte[]> leafHashes) {
        if (leafHashes.size() == 1) {
            return leafHashes.get(0);
        }
        int k = Integer.highestOneBit(leafHashes.size() - 1);
        return MerkleTree.nodeHash(recursiveRoot(leafHashes.subList(0, k)),
                recursiveRoot(leafHashes.subList(k, leafHashes.size())));
    }

    @Test
    void everySizeTo70_rootIsTheRecursiveDefinitionAndEveryProofLeadsToIt() {
        for (int n = 1; n <= 70; n++) {
            List<byte[]> leaves = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                leaves.add(MerkleTree.leafHash(("leaf " + i).getBytes()));
            }
            MerkleTree tree = MerkleTree.of(leaves);
            assertThat(tree.root()).as("root of %d", n).isEqualTo(recursiveRoot(leaves));
            for (int i = 0; i < n; i++) {
                assertThat(MerkleTree.rootFromPath(leaves.get(i), i, n, tree.path(i))).as("leaf %d of %d", i, n)
                        .isEqualTo(tree.root());
            }
        }
    }

    @Test
    void rootFromPath_wrongLeafIndexSizeOrPath_doesNotLeadToTheRoot() {
        List<byte[]> leaves = leafHashes(7);
        MerkleTree tree = MerkleTree.of(leaves);
        byte[] root = tree.root();
        List<byte[]> path = tree.path(3);
        assertThat(MerkleTree.rootFromPath(leaves.get(3), 3, 7, path)).isEqualTo(root);
        assertThat(MerkleTree.rootFromPath(leaves.get(4), 3, 7, path)).as("another leaf").isNotEqualTo(root);
        assertThat(MerkleTree.rootFromPath(leaves.get(3), 2, 7, path)).as("another index").isNotEqualTo(root);
        // A size of the same shape around the leaf (3 of 5..8) leads to the same root: receipts sign the size too.
        assertThat(MerkleTree.rootFromPath(leaves.get(3), 3, 4, path)).as("a smaller tree").isNull();
        List<byte[]> flipped = new ArrayList<>(path);
        byte[] first = flipped.get(0).clone();
        first[0] ^= 1;
        flipped.set(0, first);
        assertThat(MerkleTree.rootFromPath(leaves.get(3), 3, 7, flipped)).as("a changed node").isNotEqualTo(root);
        assertThat(MerkleTree.rootFromPath(leaves.get(3), 3, 7, path.subList(0, 2))).as("too short").isNull();
        List<byte[]> longer = new ArrayList<>(path);
        longer.add(root);
        assertThat(MerkleTree.rootFromPath(leaves.get(3), 3, 7, longer)).as("too long").isNull();
        assertThat(MerkleTree.rootFromPath(leaves.get(3), 7, 7, path)).as("index beyond the tree").isNull();
        assertThat(MerkleTree.rootFromPath(leaves.get(3), -1, 7, path)).isNull();
        assertThat(MerkleTree.rootFromPath(leaves.get(3), 0, 0, List.of())).isNull();
        assertThat(MerkleTree.rootFromPath(leaves.get(3), 3, 7, List.of(new byte[31], path.get(1), path.get(2))))
                .as("a node that is not a SHA-256").isNull();
    }

    @Test
    void of_noLeaves_refused_and_pathOutsideTheTree_refused() {
        assertThatThrownBy(() -> MerkleTree.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.of(leafHashes(3)).path(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
