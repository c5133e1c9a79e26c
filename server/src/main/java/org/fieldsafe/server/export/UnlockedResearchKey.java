package org.fieldsafe.server.export;

import java.util.Arrays;

/** The research private key unwrapped for one export job; {@link #close()} zeroes it. */
final class UnlockedResearchKey implements AutoCloseable {
    private final String fingerprint;
    private final byte[] privateKey;

    UnlockedResearchKey(String fingerprint, byte[] privateKey) {
        this.fingerprint = fingerprint;
        this.privateKey = privateKey;
    }

    String fingerprint() {
        return fingerprint;
    }

    byte[] privateKey() {
        return privateKey;
    }

    @Override
    public void close() {
        Arrays.fill(privateKey, (byte) 0);
    }

    @Override
    public String toString() {
        return "UnlockedResearchKey[" + fingerprint + ", [REDACTED]]";
    }
}
