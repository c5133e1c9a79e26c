package org.fieldsafe.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.SubmissionHeader;

/**
 * A {@link SealedSource} over a file of envelopes, one envelope's JSON a line (as {@code PUT /submissions/{id}}
 * takes it), read one line at a time: for the benchmark, tests and exports from sealed submissions pulled to a
 * key holder's own machine. A line that is not an envelope is handed over with a null header (the export lists
 * it as unopenable).
 */
public final class JsonLinesSource implements SealedSource {
    private static final ObjectMapper JSON = JsonMappers.plain();

    private final Path file;

    public JsonLinesSource(Path file) {
        this.file = file;
    }

    /** The number of lines (blank lines included: an estimate for progress). */
    @Override
    public long count() throws IOException {
        long lines = 0;
        int last = '\n';
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                last = buffer[n - 1];
            }
        }
        return last == '\n' ? lines : lines + 1;
    }

    @Override
    public void forEach(SealedConsumer consumer) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long n = 0;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                n++;
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                SubmissionHeader header = null;
                try {
                    JsonNode h = JSON.readTree(bytes).get("header");
                    header = h == null ? null : JSON.treeToValue(h, SubmissionHeader.class);
                } catch (IOException | IllegalArgumentException e) {
                    // handed over without a header: listed as unopenable
                }
                String id = header != null && header.submissionId() != null ? header.submissionId() : "line-" + n;
                consumer.accept(new SealedSubmission(id, header, bytes));
            }
        }
    }
}
