package org.fieldsafe.core.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The server's signed acknowledgement of a durably stored submission. {@code envelopeSha256} is the SHA-256
 * (hex) of the exact uploaded bytes; {@code signature} is an Ed25519 signature (base64) by the server's receipt
 * key (fingerprint {@code keyId}), either over the canonical bytes of this receipt without its signature and
 * proof, or - when {@code proof} is present - over the root of a Merkle tree of the receipts of one group
 * commit, which this receipt's {@code proof} shows it is part of ({@code org.fieldsafe.core.crypto.Receipts}).
 * A device deletes its sealed copy only once it holds a receipt that verifies.
 */
public record Receipt(String submissionId, String envelopeSha256, String receivedAt, String keyId,
                      String signature, @JsonInclude(JsonInclude.Include.NON_NULL) Proof proof) {

    /** A receipt signed on its own (no proof). */
    public Receipt(String submissionId, String envelopeSha256, String receivedAt, String keyId, String signature) {
        this(submissionId, envelopeSha256, receivedAt, keyId, signature, null);
    }

    /**
     * What this receipt acknowledges - submission, envelope hash, time and key - without signature and proof:
     * two receipts for the same stored upload (a retry's, or two signed in different group commits) are equal
     * here even when their proofs differ.
     */
    public Receipt acknowledgement() {
        return new Receipt(submissionId, envelopeSha256, receivedAt, keyId, null, null);
    }

    /**
     * Where a receipt sits among the receipts signed together: leaf {@code index} of a Merkle tree of
     * {@code size} leaves (RFC 9162), and the sibling hashes (base64) from that leaf up to the signed root.
     */
    public record Proof(int index, int size, List<String> path) {
        public Proof {
            path = path == null ? null : List.copyOf(path);
        }
    }
}
