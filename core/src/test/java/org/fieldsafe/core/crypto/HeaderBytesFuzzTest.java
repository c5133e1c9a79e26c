package org.fieldsafe.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the header canonicaliser, {@link Sealing#headerBytes} (docs/testing.md, "Fuzzing"): for every header JSON
 * that reads, the canonical bytes are produced without an exception,
 * read back to the same header, and canonicalising that header again gives the same bytes.
 */
class HeaderBytesFuzzTest {
    private static final ObjectMapper JSON = JsonMappers.plain();

    @FuzzTest(maxDuration = "15s")
    @Timeout(60)
    void canonicalise(byte[] input) throws IOException {
        SubmissionHeader header;
        try {
            header = JSON.readValue(input, SubmissionHeader.class);
        } catch (IOException notAHeader) {
            return;
        }
        if (header == null) {
            return;
        }
        byte[] canonical = Sealing.headerBytes(header);
        SubmissionHeader again = JSON.readValue(canonical, SubmissionHeader.class);
        assertThat(again).isEqualTo(header);
        assertThat(Sealing.headerBytes(again)).isEqualTo(canonical);
    }
}
