package org.fieldsafe.server.keys;

import java.util.Arrays;

/**
 * A study private key unwrapped by {@link KeyCustody} for one request. Use it in try-with-resources: {@link #close}
 * zeroes the key bytes, after which {@link #privateKey} refuses. {@link #toString} never shows the key.
 */
public final class UnlockedKey implements AutoCloseable {
    private final String studyId;
    private final String purpose;
    private final String fingerprint;
    private final byte[] privateKey;
    private boolean closed;

    UnlockedKey(String studyId, String purpose, String fingerprint, byte[] privateKey) {
        this.studyId = studyId;
        this.purpose = purpose;
        this.fingerprint = fingerprint;
        this.privateKey = privateKey;
    }

    public String studyId() {
        return studyId;
    }

    public String purpose() {
        return purpose;
    }

    /** The key id: SHA-256 (hex) of the public key, the recipient id of the parts this key opens. */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * The raw 32-byte private key itself, not a copy, so that {@link #close} zeroes what the caller holds: do not
     * keep it, or anything derived from it, past the request.
     */
    public synchronized byte[] privateKey() {
        if (closed) {
            throw new IllegalStateException("the key was closed");
        }
        return privateKey;
    }

    /** Zeroes the key bytes; closing again does nothing. */
    @Override
    public synchronized void close() {
        Arrays.fill(privateKey, (byte) 0);
        closed = true;
    }

    @Override
    public String toString() {
        return "UnlockedKey[study=" + studyId + ", purpose=" + purpose + ", fingerprint=" + fingerprint
                + ", privateKey=[REDACTED]]";
    }
}
