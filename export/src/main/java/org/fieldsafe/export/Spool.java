package org.fieldsafe.export;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.crypto.SpoolCipher;

/**
 * The anonymised rows between the two passes, in one temporary file encrypted with a {@link SpoolCipher} whose key
 * exists only in this process's memory: each row's fields and answers once, as lengths and UTF-8 bytes
 * ({@link DataOutputStream}), whatever the number of formats. One thread appends; the file is deleted on close.
 */
final class Spool implements AutoCloseable {
    private static final String PURPOSE = "export-rows";
    /**
     * 64 KiB segments, not the cipher's 1 MiB (as QDPX's spools): at 1 MiB, pass 2 was seen decrypting the spool in
     * the Java body of the JDK's GHASH instead of its intrinsic (half the reader threads' samples, BENCHMARKS.md (w)).
     */
    static final int SEGMENT = 1 << 16;

    private final Path file;
    private final SpoolCipher cipher = new SpoolCipher(SEGMENT);
    private OutputStream out;
    private long rows;

    Spool(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        this.file = Files.createTempFile(workDir, "export-", ".spool");
        this.out = new BufferedOutputStream(cipher.encrypt(Files.newOutputStream(file), PURPOSE), 1 << 16);
    }

    /** The rows of one interview, encoded (called on any thread, before {@link #append}). */
    static byte[] encode(List<ExportRow> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        DataOutputStream data = new DataOutputStream(bytes);
        try {
            for (ExportRow r : rows) {
                for (String s : new String[] {r.interview(), r.respondent(), r.site(), r.category(), r.form(),
                    r.language(), r.finalised(), r.group()}) {
                    text(data, s);
                }
                data.writeInt(r.formVersion());
                data.writeInt(r.answers().size());
                for (Map.Entry<String, Object> e : r.answers().entrySet()) {
                    text(data, e.getKey());
                    if (e.getValue() instanceof List<?> list) {
                        data.writeInt(-1 - list.size());
                        for (Object choice : list) {
                            text(data, String.valueOf(choice));
                        }
                    } else {
                        text(data, String.valueOf(e.getValue()));
                    }
                }
                data.writeInt(r.missing().size());
                for (Map.Entry<String, String> e : r.missing().entrySet()) {
                    text(data, e.getKey());
                    text(data, e.getValue());
                }
                data.writeInt(r.parts().size());
                for (SourceText part : r.parts()) {
                    text(data, part.kind());
                    text(data, part.language());
                    data.writeInt(part.version());
                    text(data, part.text());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A text as its UTF-8 length (-1 for null) and bytes; no length limit. */
    private static void text(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String text(DataInputStream in) throws IOException {
        return text(in, in.readInt());
    }

    private static String text(DataInputStream in, int length) throws IOException {
        if (length == -1) {
            return null;
        }
        if (length < 0) {
            throw new IOException("the spool is not readable");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static ExportRow read(DataInputStream in) throws IOException {
        String[] f = new String[8];
        for (int i = 0; i < f.length; i++) {
            f[i] = text(in);
        }
        int formVersion = in.readInt();
        int count = in.readInt();
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String id = text(in);
            int n = in.readInt();
            if (n < -1) {
                List<String> choices = new ArrayList<>(-1 - n);
                for (int c = 0; c < -1 - n; c++) {
                    choices.add(text(in));
                }
                answers.put(id, choices);
            } else {
                answers.put(id, text(in, n));
            }
        }
        int missingCount = in.readInt();
        Map<String, String> missing = new LinkedHashMap<>();
        for (int i = 0; i < missingCount; i++) {
            missing.put(text(in), text(in));
        }
        int partCount = in.readInt();
        List<SourceText> parts = new ArrayList<>(Math.max(0, partCount));
        for (int i = 0; i < partCount; i++) {
            String kind = text(in);
            String language = text(in);
            int version = in.readInt();
            parts.add(new SourceText(kind, language, version, text(in)));
        }
        return new ExportRow(f[0], f[1], f[2], f[3], f[4], formVersion, f[5], f[6], f[7], answers, missing, parts);
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

    /** Reads every row back, in the order written; fails if the file was altered. */
    void forEach(RowConsumer consumer) throws IOException {
        finish();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                cipher.decrypt(Files.newInputStream(file), PURPOSE), 1 << 16))) {
            for (long i = 0; i < rows; i++) {
                consumer.accept(read(in));
            }
            if (in.read() != -1) {
                throw new IOException("the spool holds more than was written");
            }
        } catch (EOFException e) {
            throw new IOException("the spool ended early", e);
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
