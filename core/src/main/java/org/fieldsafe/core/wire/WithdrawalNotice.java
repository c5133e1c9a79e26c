package org.fieldsafe.core.wire;

/**
 * The server's signed statement that a respondent of submission {@code submissionId} withdrew and that the server
 * will never store it: an Ed25519 signature (base64) by the receipt key {@code keyId} over the canonical bytes of
 * the statement ({@code org.fieldsafe.core.crypto.Receipts#withdrawalSignedBytes}). It is sent with the 410 answer
 * to an upload; a proxy or captive portal answering 410 cannot make one, so it cannot make a device delete a
 * sealed interview.
 */
public record WithdrawalNotice(String submissionId, String keyId, String signature) {
}
