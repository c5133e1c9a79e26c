package org.fieldsafe.core.crypto;

import com.google.crypto.tink.subtle.AesGcmJce;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Wraps a secret (a key) under a 256-bit key-encryption key: AES-256-GCM from Tink ({@code AesGcmJce}: a fresh
 * random 12-byte nonce, then the ciphertext with its 128-bit tag), bound to caller-given associated data, as
 * base64. Used where the server keeps a secret in its database that the database alone must not reveal
 * (docs/sealing.md, respondent-code keys).
 */
public final class KeyWrap {
    /** Length of a key-encryption key. */
    public static final int KEY_BYTES = 32;

    private KeyWrap() {
    }

    /** {@code secret} wrapped under {@code kek}, bound to {@code context}; base64 of nonce, ciphertext and tag. */
    public static String wrap(byte[] kek, byte[] secret, String context) {
        try {
            return Base64.getEncoder().encodeToString(aead(kek).encrypt(secret, aad(context)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is required of every JVM", e);
        }
    }

    /** Unwraps; another key, another context or any altered byte fails as one. */
    public static byte[] unwrap(byte[] kek, String wrapped, String context) throws CryptoException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(wrapped);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CryptoException("not a wrapped key");
        }
        try {
            return aead(kek).decrypt(bytes, aad(context));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("wrong key-encryption key or damaged wrapped key");
        }
    }

    private static AesGcmJce aead(byte[] kek) throws GeneralSecurityException {
        if (kek == null || kek.length != KEY_BYTES) {
            throw new IllegalArgumentException("a key-encryption key has " + KEY_BYTES + " bytes");
        }
        return new AesGcmJce(kek);
    }

    private static byte[] aad(String context) {
        return ("fieldsafe/v1/wrap/" + context).getBytes(StandardCharsets.UTF_8);
    }
}
