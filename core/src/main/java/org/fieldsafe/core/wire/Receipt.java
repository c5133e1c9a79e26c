package org.fieldsafe.core.wire;

/**
 * The server's signed acknowledgement of a durably stored submission. {@code envelopeSha256} is the SHA-256
 * (hex) of the exact uploaded bytes; {@code signature} is an Ed25519 signature (base64) by the server's receipt
 * key (fingerprint {@code keyId}) over the canonical bytes of this receipt without its signature
 * ({@code org.fieldsafe.core.crypto.Receipts}). A device deletes its sealed copy only once it holds a receipt
 * that verifies.
 */
public record Receipt(String submissionId, String envelopeSha256, String receivedAt, String keyId,
                      String signature) {
}
