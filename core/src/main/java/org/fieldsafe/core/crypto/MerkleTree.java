package org.fieldsafe.core.crypto;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree hash of RFC 9162 (Certificate Transparency 2.0, section 2.1) over SHA-256: leaves hashed as
 * {@code SHA-256(0x00 || data)}, inner nodes as {@code SHA-256(0x01 || left || right)}, the left subtree of
 * {@code n} leaves holding the largest power of two below {@code n}. Receipts use it to sign a whole group
 * commit once ({@link Receipts.Signer#signAll}): each receipt carries its inclusion proof.
 */
public final class MerkleTree {
    private final List<byte[][]> levels;

    private MerkleTree(List<byte[][]> levels) {
        this.levels = levels;
    }

    /**
     * The tree over {@code leafHashes} (at least one, each from {@link #leafHash}). Built level by level, pairing
     * neighbours and carrying an unpaired last node up unchanged: the same tree as RFC 9162's recursive
     * definition, in linear time.
     */
    public static MerkleTree of(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            throw new IllegalArgumentException("A Merkle tree here has at least one leaf");
        }
        List<byte[][]> levels = new ArrayList<>();
        byte[][] level = leafHashes.toArray(new byte[0][]);
        levels.add(level);
        while (level.length > 1) {
            byte[][] up = new byte[(level.length + 1) / 2][];
            for (int i = 0; i < up.length; i++) {
                up[i] = 2 * i + 1 < level.length ? nodeHash(level[2 * i], level[2 * i + 1]) : level[2 * i];
            }
            levels.add(up);
            level = up;
        }
        return new MerkleTree(levels);
    }

    /** The number of leaves. */
    public int size() {
        return levels.get(0).length;
    }

    /** The root hash (the tree head's hash). */
    public byte[] root() {
        return levels.get(levels.size() - 1)[0].clone();
    }

    /** The inclusion proof of leaf {@code index} (RFC 9162 section 2.1.3.1): sibling hashes from the leaf up. */
    public List<byte[]> path(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("No leaf " + index + " in a tree of " + size());
        }
        List<byte[]> path = new ArrayList<>();
        int i = index;
        for (int l = 0; l < levels.size() - 1; l++) {
            byte[][] level = levels.get(l);
            int sibling = i ^ 1;
            if (sibling < level.length) {
                path.add(level[sibling].clone());
            }
            i >>= 1;
        }
        return path;
    }

    /**
     * The root that an inclusion proof leads to (RFC 9162 section 2.1.3.2): null when the proof cannot belong to
     * leaf {@code index} of a tree of {@code size} leaves (index out of range, a path too long or too short, a
     * path element that is not a SHA-256). The caller compares the result with a root it trusts.
     */
    public static byte[] rootFromPath(byte[] leafHash, int index, int size, List<byte[]> path) {
        if (index < 0 || size < 1 || index >= size || leafHash == null || leafHash.length != 32 || path == null) {
            return null;
        }
        long fn = index;
        long sn = size - 1L;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0 || p == null || p.length != 32) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    /** {@code SHA-256(0x00 || data)}. */
    public static byte[] leafHash(byte[] data) {
        MessageDigest sha256 = Digests.sha256();
        sha256.update((byte) 0);
        return sha256.digest(data);
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha256 = Digests.sha256();
        sha256.update((byte) 1);
        sha256.update(left);
        return sha256.digest(right);
    }
}
