package org.fieldsafe.server.audit;

import java.nio.file.Path;
import org.fieldsafe.core.crypto.Macs;
import org.fieldsafe.server.storage.SecretFiles;

/**
 * The key that seals the audit log's head (HMAC-SHA256 over its sequence number and hash). It lives in a file, never
 * in the database: whoever can write to the database alone (a restored dump, a PostgreSQL login, an injected
 * statement) cannot rebuild the chain so that it verifies. Created (32 random bytes, base64, mode 0600) when the
 * file does not exist yet ({@link SecretFiles}).
 */
public final class AuditKey {
    private final byte[] key;
    private final Path file;

    private AuditKey(byte[] key, Path file) {
        this.key = key;
        this.file = file;
    }

    /** The key in {@code file}, made now if the file does not exist. */
    public static AuditKey loadOrCreate(Path file) {
        return new AuditKey(SecretFiles.loadOrCreate(file, "audit key", Macs.KEY_BYTES), file);
    }

    /** For tests: a key held in memory only. */
    public static AuditKey of(byte[] key) {
        return new AuditKey(key.clone(), null);
    }

    /** The seal of a head: HMAC-SHA256 over {@code seq}, a line feed and {@code hash}. */
    String seal(long seq, String hash) {
        return Macs.hmacSha256Hex(key, seq + "\n" + hash);
    }

    @Override
    public String toString() {
        return "AuditKey[" + (file == null ? "in memory" : file) + ", key=[REDACTED]]";
    }
}
