package org.fieldsafe.client.sync;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.keys.StoredKey;
import org.fieldsafe.core.crypto.Digests;

/** The server receipt keys this device pinned (purpose {@code receipt}), by fingerprint. */
public final class ReceiptKeys {
    public static final String PURPOSE = "receipt";

    private final Map<String, byte[]> byFingerprint;

    private ReceiptKeys(Map<String, byte[]> byFingerprint) {
        this.byFingerprint = byFingerprint;
    }

    /**
     * The pinned receipt keys; refuses ({@link Reason#INTEGRITY}) when none is pinned or a pinned key does not
     * match its fingerprint, since no receipt could then be trusted.
     */
    public static ReceiptKeys from(List<StoredKey> pinned) throws ClientException {
        Map<String, byte[]> keys = new TreeMap<>();
        for (StoredKey key : pinned) {
            if (!PURPOSE.equals(key.purpose())) {
                continue;
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(key.publicKey());
            } catch (IllegalArgumentException e) {
                throw broken(key);
            }
            if (raw.length != 32 || !Digests.sha256Hex(raw).equalsIgnoreCase(key.fingerprint())) {
                throw broken(key);
            }
            keys.put(key.fingerprint().toLowerCase(Locale.ROOT), raw);
        }
        if (keys.isEmpty()) {
            throw new ClientException(Reason.INTEGRITY, "this device holds no pinned receipt key, so it cannot check"
                    + " the server's receipts; pull first (fieldsafe client forms pull), then sync again");
        }
        return new ReceiptKeys(keys);
    }

    /** The raw public key with this fingerprint, if pinned. */
    public Optional<byte[]> key(String fingerprint) {
        return fingerprint == null ? Optional.empty()
                : Optional.ofNullable(byFingerprint.get(fingerprint.toLowerCase(Locale.ROOT)));
    }

    private static ClientException broken(StoredKey key) {
        return new ClientException(Reason.INTEGRITY, "the pinned receipt key " + ShortForm.hash(key.fingerprint())
                + " does not match its fingerprint; enrol the device again");
    }
}
