package org.fieldsafe.server.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.fieldsafe.core.crypto.Macs;
import org.fieldsafe.core.crypto.Secrets;

/**
 * The key that seals the audit log's head (HMAC-SHA256 over its sequence number and hash). It lives in a file, never
 * in the database: whoever can write to the database alone (a restored dump, a PostgreSQL login, an injected
 * statement) cannot rebuild the chain so that it verifies. Created (32 random bytes, base64, mode 0600) when the
 * file does not exist yet.
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
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (key.length < Macs.KEY_BYTES) {
                throw new IllegalStateException("The audit key file " + file + " holds fewer than "
                        + Macs.KEY_BYTES + " bytes");
            }
            return new AuditKey(key, file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the audit key file " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The audit key file " + file + " is not base64", e);
        }
    }

    /** For tests: a key held in memory only. */
    public static AuditKey of(byte[] key) {
        return new AuditKey(key.clone(), null);
    }

    private static void create(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String encoded = Base64.getEncoder().encodeToString(Secrets.randomBytes(Macs.KEY_BYTES)) + "\n";
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            return; // another process made it first
        }
        Files.writeString(file, encoded, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.SYNC);
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
