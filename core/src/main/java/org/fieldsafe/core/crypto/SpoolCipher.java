package org.fieldsafe.core.crypto;

import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Encrypts a temporary file (an export's spool) at rest under a fresh random key that exists only in this
 * object's memory: Tink's streaming AEAD {@code AES-GCM-HKDF} (256-bit key, 1 MiB segments unless asked otherwise),
 * with the file's purpose as associated data. When the process ends, the key is gone and the file is unreadable.
 */
public final class SpoolCipher implements AutoCloseable {
    private static final int KEY_BYTES = 32;
    private static final int SEGMENT_BYTES = 1 << 20;
    private static final int MIN_SEGMENT_BYTES = 1 << 12;

    private final byte[] key;
    private final AesGcmHkdfStreaming aead;

    public SpoolCipher() {
        this(SEGMENT_BYTES);
    }

    /**
     * With segments of {@code segmentBytes} (at least 4 KiB): each open encrypting or decrypting stream holds about
     * two segments in memory, so a writer with many spools open at once takes smaller ones.
     */
    public SpoolCipher(int segmentBytes) {
        if (segmentBytes < MIN_SEGMENT_BYTES) {
            throw new IllegalArgumentException("a spool segment is at least " + MIN_SEGMENT_BYTES + " bytes");
        }
        this.key = Secrets.randomBytes(KEY_BYTES);
        try {
            this.aead = new AesGcmHkdfStreaming(key, "HmacSha256", KEY_BYTES, segmentBytes, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("streaming AEAD unavailable: " + e.getMessage(), e);
        }
    }

    /** An encrypting stream over {@code out}; closing it writes the last segment and closes {@code out}. */
    public OutputStream encrypt(OutputStream out, String purpose) throws IOException {
        try {
            return aead.newEncryptingStream(out, aad(purpose));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encrypt the spool: " + e.getMessage(), e);
        }
    }

    /** A decrypting stream over {@code in}; reading fails with an IOException if the file was altered. */
    public InputStream decrypt(InputStream in, String purpose) throws IOException {
        try {
            return aead.newDecryptingStream(in, aad(purpose));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot decrypt the spool: " + e.getMessage(), e);
        }
    }

    /** Forgets this object's copy of the key (Tink keeps its own derived state until garbage collected). */
    @Override
    public void close() {
        Arrays.fill(key, (byte) 0);
    }

    @Override
    public String toString() {
        return "SpoolCipher[REDACTED]";
    }

    private static byte[] aad(String purpose) {
        return ("fieldsafe/v1/spool/" + purpose).getBytes(StandardCharsets.UTF_8);
    }
}
