package org.fieldsafe.core.wire;

/**
 * What {@code admin keys fetch} saves: the private key wrapped under the holder's own passphrase (the JSON of
 * core {@code PassphraseCipher.Sealed}, bound to purpose and fingerprint) with its study and public key.
 */
public record WrappedKeyFile(String format, String study, String purpose, String algorithm, String publicKey,
                             String fingerprint, String wrappedPrivateKey) {
    public static final String FORMAT = "fieldsafe-wrapped-key/1";
}
