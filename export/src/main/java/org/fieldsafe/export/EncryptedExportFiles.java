package org.fieldsafe.export;

import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fieldsafe.core.crypto.Secrets;

/**
 * One export job's files at rest: each file encrypted with Tink's streaming AEAD (AES-256-GCM-HKDF, 1 MiB
 * segments) under a fresh random key that exists only in this object's memory, with {@code export/<job>/<name>}
 * as associated data (a file renamed or moved between jobs does not open). A restart loses the key, so the files
 * can never be read again and are deleted at start-up. {@link #destroy} zeroes the key and deletes the files.
 */
public final class EncryptedExportFiles implements ExportSink {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final int SEGMENT_BYTES = 1 << 20;
    private static final String SUFFIX = ".sealed";

    private final String jobId;
    private final Path dir;
    private final byte[] key = Secrets.randomBytes(32);
    private final StreamingAead aead;
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private volatile boolean destroyed;

    public EncryptedExportFiles(String jobId, Path dir) throws IOException {
        this.jobId = jobId;
        this.dir = Files.createDirectories(dir);
        try {
            this.aead = new AesGcmHkdfStreaming(key, "HmacSha256", 32, SEGMENT_BYTES, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM-HKDF streaming is not available", e);
        }
    }

    /** True for a name an export may use: lower-case letters, digits, dot, dash, underscore; no path. */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches() && !name.contains("..");
    }

    @Override
    public OutputStream create(String fileName) throws IOException {
        checkUsable();
        if (!validName(fileName) || !names.add(fileName)) {
            throw new IOException("not a new plain file name");
        }
        OutputStream file = Files.newOutputStream(dir.resolve(fileName + SUFFIX), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        try {
            return aead.newEncryptingStream(file, aad(fileName));
        } catch (GeneralSecurityException e) {
            file.close();
            throw new IOException("cannot encrypt " + fileName, e);
        }
    }

    /** The plaintext of a file written here; the caller closes the stream. */
    public InputStream open(String fileName) throws IOException {
        checkUsable();
        if (!names.contains(fileName)) {
            throw new IOException("no such export file");
        }
        InputStream file = Files.newInputStream(dir.resolve(fileName + SUFFIX));
        try {
            return aead.newDecryptingStream(file, aad(fileName));
        } catch (GeneralSecurityException e) {
            file.close();
            throw new IOException("cannot decrypt " + fileName, e);
        }
    }

    /** The names of the files written, sorted. */
    public List<String> names() {
        return names.stream().sorted().toList();
    }

    /** Whether a file of this name was written. */
    public boolean has(String fileName) {
        return names.contains(fileName);
    }

    /** Zeroes the key and deletes the job's directory with everything in it. */
    public void destroy() throws IOException {
        destroyed = true;
        Arrays.fill(key, (byte) 0);
        deleteTree(dir);
    }

    /** Deletes {@code dir} and everything under it, if it exists. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }

    private void checkUsable() throws IOException {
        if (destroyed) {
            throw new IOException("the export has expired");
        }
    }

    private byte[] aad(String fileName) {
        return ("fieldsafe/v1/export/" + jobId + "/" + fileName).getBytes(StandardCharsets.UTF_8);
    }
}
