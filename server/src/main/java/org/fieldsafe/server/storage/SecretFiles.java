package org.fieldsafe.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.fieldsafe.core.crypto.Secrets;

/**
 * Server secrets kept in files outside the database (the audit key, the respondent-code key-encryption key): one
 * line of base64, created with {@code length} random bytes and mode 0600 when the file does not exist yet. Whoever
 * holds a copy of the database alone does not hold these.
 */
public final class SecretFiles {
    private SecretFiles() {
    }

    /**
     * The key in {@code file} (at least {@code length} bytes), made now if the file does not exist; {@code what}
     * names it in errors.
     */
    public static byte[] loadOrCreate(Path file, String what, int length) {
        try {
            if (!Files.exists(file)) {
                create(file, length);
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (key.length < length) {
                throw new IllegalStateException("The " + what + " file " + file + " holds fewer than " + length
                        + " bytes");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the " + what + " file " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The " + what + " file " + file + " is not base64", e);
        }
    }

    private static void create(Path file, int length) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String encoded = Base64.getEncoder().encodeToString(Secrets.randomBytes(length)) + "\n";
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
}
