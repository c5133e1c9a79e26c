package org.fieldsafe.export;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A file of the export being written: buffered, its SHA-256 and size computed over the bytes written. */
final class HashedFile {
    private final String name;
    private final MessageDigest digest;
    private final Counting counting;
    private final OutputStream out;
    private ExportManifest.FileEntry entry;

    private HashedFile(String name, OutputStream target) {
        this.name = name;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
        this.counting = new Counting(target);
        this.out = new BufferedOutputStream(new DigestOutputStream(counting, digest), 1 << 16);
    }

    static HashedFile create(ExportSink sink, String name) throws IOException {
        return new HashedFile(name, sink.create(name));
    }

    String name() {
        return name;
    }

    /** The stream to write to; do not close it, call {@link #finish()}. */
    OutputStream stream() {
        return out;
    }

    /** Flushes and closes the file; its hash and size. Idempotent. */
    ExportManifest.FileEntry finish() throws IOException {
        if (entry == null) {
            out.close();
            entry = new ExportManifest.FileEntry(HexFormat.of().formatHex(digest.digest()), counting.count);
        }
        return entry;
    }

    /** Counts bytes on their way to the sink. */
    private static final class Counting extends FilterOutputStream {
        private long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
