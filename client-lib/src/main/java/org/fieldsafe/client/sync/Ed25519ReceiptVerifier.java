package org.fieldsafe.client.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.fieldsafe.core.wire.Receipt;

/**
 * Ed25519 (BouncyCastle) over the receipt's canonical JSON without its signature (docs/sealing.md).
 */
public final class Ed25519ReceiptVerifier implements ReceiptVerifier {
    /** Kept apart from the shared mapper so no configuration there can change the signed bytes. */
    private static final ObjectMapper SIGNED_JSON = new ObjectMapper();

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

    /**
     * The bytes the server signs: the receipt without {@code signature} as JSON, keys sorted by code unit, no
     * white space, nulls written, strings as they are, UTF-8 (the same rules as the sealing header bytes).
     */
    public static byte[] signedBytes(Receipt receipt) {
        Map<String, String> fields = new TreeMap<>();
        fields.put("submissionId", receipt.submissionId());
        fields.put("envelopeSha256", receipt.envelopeSha256());
        fields.put("receivedAt", receipt.receivedAt());
        fields.put("keyId", receipt.keyId());
        try {
            return SIGNED_JSON.writeValueAsBytes(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a receipt", e);
        }
    }
}
