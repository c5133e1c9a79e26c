package org.fieldsafe.server.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.fieldsafe.core.crypto.Sealing;
import org.fieldsafe.server.mappers.MappedAnswers;
import org.fieldsafe.server.problems.DomainException;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the envelope parser (docs/testing.md, "Fuzzing"): any body is an envelope or a {@link DomainException}
 * with a 4xx status (400 malformed, 413 too large, 422 wrong shape) - never another exception, never a 5xx; an
 * envelope that reads reads the same way twice, and its header has canonical bytes (the associated data that is
 * checked next). Seeds: envelopes of the shape the devices send.
 */
class EnvelopeParserFuzzTest {
    private static final EnvelopeParser PARSER = new EnvelopeParser(64 * 1024);

    @FuzzTest(maxDuration = "15s")
    @Timeout(60)
    void parse(byte[] body) {
        EnvelopeParser.Parsed parsed;
        try {
            parsed = PARSER.parse(body);
        } catch (DomainException refused) {
            assertThat(MappedAnswers.of(refused).getStatus()).isBetween(400, 499);
            return;
        }
        EnvelopeParser.Parsed again = PARSER.parse(body);
        assertThat(again.envelope()).isEqualTo(parsed.envelope());
        assertThat(again.sha256()).isEqualTo(parsed.sha256());
        if (parsed.envelope() != null && parsed.envelope().header() != null) {
            assertThat(Sealing.headerBytes(parsed.envelope().header())).isNotEmpty();
        }
    }
}
