package org.fieldsafe.server.export;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fieldsafe.core.crypto.SpoolCipher;

/**
 * The rows between the two passes, in one temporary file encrypted with a {@link SpoolCipher} whose key exists
 * only in this process's memory. Each record: the group key and interview pseudonym (modified UTF-8), the number
 * of rendered formats, and each rendering as a length and its bytes. One thread appends; the file is deleted on close.
 */
final class Spool implements AutoCloseable {
    private static final String PURPOSE = "export-rows";

    private final Path file;
    private final SpoolCipher cipher = new SpoolCipher();
    private OutputStream out;
    private long rows;

    Spool(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        this.file = Files.createTempFile(workDir, "export-", ".spool");
        this.out = new BufferedOutputStream(cipher.encrypt(Files.newOutputStream(file), PURPOSE), 1 << 16);
    }

    /** The records of one interview, encoded (called on any thread, before {@link #append}). */
    static byte[] encode(List<SpoolRecord> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        DataOutputStream data = new DataOutputStream(bytes);
        try {
            for (SpoolRecord r : records) {
                data.writeUTF(r.group());
                data.writeUTF(r.interview());
                data.writeByte(r.rendered().length);
                for (byte[] b : r.rendered()) {
                    data.writeInt(b.length);
                    data.write(b);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Appends encoded records (one interview's, so they stay together); one thread at a time. */
    void append(byte[] encoded, int rowCount) throws IOException {
        out.write(encoded);
        rows += rowCount;
    }

    long rows() {
        return rows;
    }

    /** Ends writing: the last segment and its tag are written. */
    void finish() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    /** Reads every record back, in the order written; fails if the file was altered. */
    void forEach(RecordConsumer consumer) throws IOException {
        finish();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                cipher.decrypt(Files.newInputStream(file), PURPOSE), 1 << 16))) {
            for (long i = 0; i < rows; i++) {
                String group = in.readUTF();
                String interview = in.readUTF();
                byte[][] rendered = new byte[in.readUnsignedByte()][];
                for (int f = 0; f < rendered.length; f++) {
                    rendered[f] = in.readNBytes(in.readInt());
                }
                consumer.accept(new SpoolRecord(group, interview, rendered));
            }
            if (in.read() != -1) {
                throw new IOException("the spool holds more than was written");
            }
        } catch (EOFException e) {
            throw new IOException("the spool ended early", e);
        }
    }

    /** Receives the spooled records. */
    @FunctionalInterface
    interface RecordConsumer {
        void accept(SpoolRecord record) throws IOException;
    }

    @Override
    public void close() throws IOException {
        try {
            if (out != null) {
                out.close();
                out = null;
            }
        } finally {
            cipher.close();
            Files.deleteIfExists(file);
        }
    }
}
