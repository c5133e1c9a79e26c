package org.fieldsafe.server.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fieldsafe.core.crypto.SpoolCipher;

/**
 * The rows between the two passes: JSON lines in one temporary file, encrypted with a {@link SpoolCipher} whose
 * key exists only in this process's memory. Appends are serialised by the caller; the file is deleted on close.
 */
final class Spool implements AutoCloseable {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();
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

    /** The rows of one interview as JSON lines (called on any thread, before {@link #append}). */
    static byte[] encode(List<ExportRow> interviewRows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        try {
            for (ExportRow row : interviewRows) {
                JSON.writeValue(bytes, row);
                bytes.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Appends encoded rows; the caller holds the spool's lock so one interview's rows stay together. */
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

    /** Reads every row back, in the order written; fails if the file was altered. */
    void forEach(RowConsumer consumer) throws IOException {
        finish();
        ObjectReader reader = JSON.readerFor(ExportRow.class);
        try (InputStream in = new BufferedInputStream(cipher.decrypt(Files.newInputStream(file), PURPOSE), 1 << 16);
             MappingIterator<ExportRow> it = reader.readValues(in)) {
            while (it.hasNextValue()) {
                consumer.accept(it.nextValue());
            }
        }
    }

    /** Receives the spooled rows. */
    @FunctionalInterface
    interface RowConsumer {
        void accept(ExportRow row) throws IOException;
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
