package org.fieldsafe.client.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.fieldsafe.core.util.CanonicalJson;
import org.fieldsafe.core.wire.Receipt;

/**
 * Ed25519 (BouncyCastle) over the receipt's canonical JSON without its signature: keys sorted, no white
 * space, nulls written, UTF-8 (docs/sealing.md).
 */
public final class Ed25519ReceiptVerifier implements ReceiptVerifier {
    @Override
    public boolean verify(Receipt receipt, byte[] ed25519PublicKey) {
        if (receipt == null || receipt.signature() == null || ed25519PublicKey == null
                || ed25519PublicKey.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            return false;
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(receipt.signature());
        } catch (IllegalArgumentException e) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(ed25519PublicKey, 0));
        byte[] signed = signedBytes(receipt);
        verifier.update(signed, 0, signed.length);
        return verifier.verifySignature(signature);
    }

    /** The bytes the server signs: the receipt without {@code signature}, as canonical JSON. */
    public static byte[] signedBytes(Receipt receipt) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("submissionId", receipt.submissionId());
        node.put("envelopeSha256", receipt.envelopeSha256());
        node.put("receivedAt", receipt.receivedAt());
        node.put("keyId", receipt.keyId());
        try {
            return Json.mapper().writeValueAsBytes(CanonicalJson.canonical(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a receipt", e);
        }
    }
}
