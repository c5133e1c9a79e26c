package org.fieldsafe.client.keys;

import java.time.Instant;

/**
 * A study public key pinned on this device: the first manifest that offers keys fixes them, and a later
 * manifest that offers any other key is refused. Public keys are not secret.
 */
public record StoredKey(String purpose, String algorithm, String publicKey, String fingerprint, Instant pinnedAt) {
}
