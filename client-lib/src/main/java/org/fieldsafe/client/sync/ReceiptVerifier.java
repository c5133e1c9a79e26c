package org.fieldsafe.client.sync;

import org.fieldsafe.core.wire.Receipt;

/** Checks a receipt's signature against the server's Ed25519 receipt public key (32 raw bytes). */
public interface ReceiptVerifier {
    /** True when {@code receipt.signature()} is a valid signature over the receipt's signed bytes. */
    boolean verify(Receipt receipt, byte[] ed25519PublicKey);
}
