package org.fieldsafe.core.crypto;

import java.util.Arrays;

/**
 * A raw key pair (32-byte X25519 or Ed25519 keys). {@link #toString()} shows the public key's fingerprint and
 * never the private key; {@link #destroy()} zeroes the private key once it is no longer needed.
 */
public record KeyPairBytes(byte[] publicKey, byte[] privateKey) {

    public KeyPairBytes {
        publicKey = publicKey.clone();
        privateKey = privateKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] privateKey() {
        return privateKey.clone();
    }

    /** The fingerprint (key id) of the public key. */
    public String fingerprint() {
        return StudyKeys.fingerprint(publicKey);
    }

    /** Zeroes this value's copy of the private key. */
    public void destroy() {
        Arrays.fill(privateKey, (byte) 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyPairBytes other && Arrays.equals(publicKey, other.publicKey)
                && java.security.MessageDigest.isEqual(privateKey, other.privateKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "KeyPairBytes[publicKey=" + fingerprint() + ", privateKey=(redacted)]";
    }
}
