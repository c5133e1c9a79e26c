package org.fieldsafe.server.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.fieldsafe.server.problems.ProblemException;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the Content-Range parser of attachment uploads (docs/testing.md, "Fuzzing"): any header value is a range of
 * non-negative numbers that prints back to the same header, or the 400 content-range-invalid - never another
 * exception. Seeds: ranges the client library sends.
 */
class ContentRangeFuzzTest {

    @FuzzTest(maxDuration = "15s")
    @Timeout(60)
    void parseContentRange(byte[] input) {
        String header = new String(input, StandardCharsets.UTF_8);
        AttachmentService.ContentRange range;
        try {
            range = AttachmentService.parseContentRange(header);
        } catch (ProblemException refused) {
            assertThat(refused.problem().status()).isEqualTo(400);
            assertThat(refused.problem().type()).endsWith("content-range-invalid");
            return;
        }
        assertThat(range.start()).isNotNegative();
        assertThat(range.end()).isNotNegative();
        assertThat(range.total()).isNotNegative();
        String canonical = "bytes " + range.start() + "-" + range.end() + "/" + range.total();
        assertThat(AttachmentService.parseContentRange(canonical)).isEqualTo(range);
    }
}
