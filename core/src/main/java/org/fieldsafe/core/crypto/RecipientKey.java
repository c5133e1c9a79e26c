package org.fieldsafe.core.crypto;

import java.util.Arrays;

/** A recipient's raw X25519 public key and its fingerprint (the key id written into envelopes). */
public record RecipientKey(String fingerprint, byte[] publicKey) {

    public RecipientKey {
        publicKey = publicKey.clone();
    }

    /** The recipient key of {@code publicKey}, with its fingerprint computed. */
    public static RecipientKey of(byte[] publicKey) {
        return new RecipientKey(StudyKeys.fingerprint(publicKey), publicKey);
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** True when the fingerprint is the SHA-256 of the public key, as pinned keys must be. */
    public boolean isConsistent() {
        return fingerprint != null && Secrets.equal(fingerprint, StudyKeys.fingerprint(publicKey));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecipientKey other && java.util.Objects.equals(fingerprint, other.fingerprint)
                && Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "RecipientKey[" + fingerprint + "]";
    }
}
