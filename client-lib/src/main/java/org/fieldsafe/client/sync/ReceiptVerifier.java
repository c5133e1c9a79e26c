package org.fieldsafe.client.sync;

import org.fieldsafe.core.crypto.Receipts;
import org.fieldsafe.core.wire.Receipt;

/** Checks a receipt's signature against the server's Ed25519 receipt public key (32 raw bytes). */
public interface ReceiptVerifier {
    /** Ed25519 over the receipt's canonical JSON without its signature, as core {@link Receipts} defines it. */
    ReceiptVerifier ED25519 = Receipts::verify;

    /** True when {@code receipt.signature()} is a valid signature over the receipt's signed bytes. */
    boolean verify(Receipt receipt, byte[] ed25519PublicKey);
}
