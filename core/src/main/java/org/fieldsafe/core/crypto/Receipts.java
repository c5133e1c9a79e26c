package org.fieldsafe.core.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.Receipt;
import org.fieldsafe.core.wire.WithdrawalNotice;

/**
 * Signed receipts (docs/sealing.md): Ed25519 (RFC 8032, pure) over the canonical JSON of the receipt without
 * its signature and proof - keys sorted, no white space, nulls written, UTF-8. Receipts signed together
 * ({@link Signer#signAll}) share one signature over the root of an RFC 9162 Merkle tree whose leaves are those
 * canonical bytes; each carries its inclusion proof. Keys travel as their raw 32 bytes; the key id is the
 * SHA-256 (hex) of the raw public key.
 */
public final class Receipts {
    public static final String ALGORITHM = "Ed25519";
    public static final int KEY_BYTES = 32;
    public static final int SIGNATURE_BYTES = 64;
    /** The statement a withdrawal notice signs. */
    public static final String WITHDRAWN = "respondent-withdrawn";

    private static final ObjectMapper JSON = JsonMappers.plain();

    private Receipts() {
    }

    /** A fresh Ed25519 private key (the 32-byte seed). */
    public static byte[] newPrivateKey() {
        return new Ed25519PrivateKeyParameters(Secrets.random()).getEncoded();
    }

    /** The raw public key of a 32-byte Ed25519 private key. */
    public static byte[] publicKey(byte[] ed25519PrivateKey) {
        return privateKey(ed25519PrivateKey).generatePublicKey().getEncoded();
    }

    /** The key id of a raw public key: its SHA-256 in lower-case hex. */
    public static String keyId(byte[] ed25519PublicKey) {
        return Digests.sha256Hex(ed25519PublicKey);
    }

    /** {@code unsigned} with {@code keyId} set and signed by {@code ed25519PrivateKey}; any signature is replaced. */
    public static Receipt sign(Receipt unsigned, byte[] ed25519PrivateKey, String keyId) {
        return signer(ed25519PrivateKey, keyId).sign(unsigned);
    }

    /**
     * A signer for many receipts under one key: the key is decoded and its public half (which every Ed25519
     * signature needs) derived once, not once per receipt. Thread-safe.
     */
    public static Signer signer(byte[] ed25519PrivateKey, String keyId) {
        return new Signer(privateKey(ed25519PrivateKey), keyId);
    }

    /** See {@link #signer}. {@link #toString()} never shows the key. */
    public static final class Signer {
        private final Ed25519PrivateKeyParameters key;
        private final String keyId;

        private Signer(Ed25519PrivateKeyParameters key, String keyId) {
            this.key = key;
            this.keyId = keyId;
            key.generatePublicKey();
        }

        /** {@code unsigned} with this signer's key id set and signed on its own; any signature is replaced. */
        public Receipt sign(Receipt unsigned) {
            Receipt toSign = withKeyId(unsigned);
            return new Receipt(toSign.submissionId(), toSign.envelopeSha256(), toSign.receivedAt(), keyId,
                    signature(signedBytes(toSign)));
        }

        /**
         * The receipts, in order, signed with one signature: over the root of a Merkle tree of their canonical
         * bytes, each receipt carrying its inclusion proof. An Ed25519 signature costs tens of microseconds; a
         * group commit of a hundred uploads then needs one instead of a hundred. A single receipt is signed on
         * its own (no proof).
         */
        public List<Receipt> signAll(List<Receipt> unsigned) {
            if (unsigned.size() == 1) {
                return List.of(sign(unsigned.get(0)));
            }
            List<Receipt> toSign = unsigned.stream().map(this::withKeyId).toList();
            List<byte[]> leaves = new ArrayList<>(toSign.size());
            toSign.forEach(r -> leaves.add(MerkleTree.leafHash(signedBytes(r))));
            MerkleTree tree = MerkleTree.of(leaves);
            String signature = signature(rootSignedBytes(keyId, tree.root(), tree.size()));
            Base64.Encoder b64 = Base64.getEncoder();
            List<Receipt> out = new ArrayList<>(toSign.size());
            for (int i = 0; i < toSign.size(); i++) {
                Receipt r = toSign.get(i);
                List<String> path = tree.path(i).stream().map(b64::encodeToString).toList();
                out.add(new Receipt(r.submissionId(), r.envelopeSha256(), r.receivedAt(), keyId, signature,
                        new Receipt.Proof(i, tree.size(), path)));
            }
            return out;
        }

        /** The signed statement that {@code submissionId}'s respondent withdrew (the 410 answer's proof). */
        public WithdrawalNotice signWithdrawal(String submissionId) {
            return new WithdrawalNotice(submissionId, keyId, signature(withdrawalSignedBytes(keyId, submissionId)));
        }

        private Receipt withKeyId(Receipt unsigned) {
            return new Receipt(unsigned.submissionId(), unsigned.envelopeSha256(), unsigned.receivedAt(), keyId,
                    null);
        }

        private String signature(byte[] message) {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, key);
            signer.update(message, 0, message.length);
            return Base64.getEncoder().encodeToString(signer.generateSignature());
        }

        @Override
        public String toString() {
            return "Receipts.Signer[keyId=" + keyId + "]";
        }
    }

    /**
     * True when the receipt's signature verifies under {@code ed25519PublicKey} and its key id is that key's
     * fingerprint - over the receipt itself, or, with a proof, over the Merkle root its proof leads to; false for
     * any malformed signature, proof or key.
     */
    public static boolean verify(Receipt r, byte[] ed25519PublicKey) {
        if (r == null || r.signature() == null || ed25519PublicKey == null
                || ed25519PublicKey.length != KEY_BYTES || r.keyId() == null
                || !Secrets.equal(r.keyId(), keyId(ed25519PublicKey))) {
            return false;
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(r.signature());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (r.proof() == null) {
            return verifyBytes(signedBytes(r), signature, ed25519PublicKey);
        }
        byte[] root = rootOf(r);
        return root != null && verifyBytes(rootSignedBytes(r.keyId(), root, r.proof().size()), signature,
                ed25519PublicKey);
    }

    /**
     * True when the withdrawal notice names {@code submissionId}, its key id is the fingerprint of
     * {@code ed25519PublicKey} and its signature verifies under it; false for anything malformed.
     */
    public static boolean verifyWithdrawal(WithdrawalNotice notice, String submissionId, byte[] ed25519PublicKey) {
        if (notice == null || notice.submissionId() == null || notice.signature() == null || notice.keyId() == null
                || !notice.submissionId().equals(submissionId) || ed25519PublicKey == null
                || ed25519PublicKey.length != KEY_BYTES || !Secrets.equal(notice.keyId(), keyId(ed25519PublicKey))) {
            return false;
        }
        try {
            return verifyBytes(withdrawalSignedBytes(notice.keyId(), notice.submissionId()),
                    Base64.getDecoder().decode(notice.signature()), ed25519PublicKey);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The bytes a withdrawal notice's signature covers: the canonical JSON of the key id, the statement
     * {@value #WITHDRAWN} and the submission id. Its keys differ from a receipt's and a Merkle root's, so no
     * signature over one can pass for another.
     */
    public static byte[] withdrawalSignedBytes(String keyId, String submissionId) {
        ObjectNode node = JSON.createObjectNode();
        node.put("keyId", keyId);
        node.put("statement", WITHDRAWN);
        node.put("submissionId", submissionId);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A withdrawal notice is always serialisable", e);
        }
    }

    /** The Merkle root a receipt's proof leads to, or null for a malformed proof. */
    private static byte[] rootOf(Receipt r) {
        Receipt.Proof proof = r.proof();
        if (proof.path() == null) {
            return null;
        }
        List<byte[]> path = new ArrayList<>(proof.path().size());
        try {
            for (String node : proof.path()) {
                path.add(Base64.getDecoder().decode(node));
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
        return MerkleTree.rootFromPath(MerkleTree.leafHash(signedBytes(r)), proof.index(), proof.size(), path);
    }

    /**
     * The bytes a signature over receipts signed together covers: the canonical JSON of the key id, the Merkle
     * root (base64) and the number of receipts. It cannot be mistaken for one receipt's bytes (other keys).
     */
    static byte[] rootSignedBytes(String keyId, byte[] root, int size) {
        ObjectNode node = JSON.createObjectNode();
        node.put("keyId", keyId);
        node.put("receiptsRoot", Base64.getEncoder().encodeToString(root));
        node.put("receiptsSize", size);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A receipt root is always serialisable", e);
        }
    }

    /** The bytes a receipt's signature (or its Merkle leaf) covers: its canonical JSON without signature and proof. */
    public static byte[] signedBytes(Receipt r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("envelopeSha256", r.envelopeSha256());
        node.put("keyId", r.keyId());
        node.put("receivedAt", r.receivedAt());
        node.put("submissionId", r.submissionId());
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A receipt is always serialisable", e);
        }
    }

    static byte[] signBytes(byte[] message, byte[] ed25519PrivateKey) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey(ed25519PrivateKey));
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    static boolean verifyBytes(byte[] message, byte[] signature, byte[] ed25519PublicKey) {
        if (signature.length != SIGNATURE_BYTES) {
            return false;
        }
        Ed25519PublicKeyParameters key;
        try {
            key = new Ed25519PublicKeyParameters(ed25519PublicKey, 0);
        } catch (IllegalArgumentException e) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    private static Ed25519PrivateKeyParameters privateKey(byte[] raw) {
        if (raw == null || raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("An Ed25519 private key is 32 bytes");
        }
        return new Ed25519PrivateKeyParameters(raw, 0);
    }
}
