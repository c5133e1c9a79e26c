package org.fieldsafe.server.submissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.problems.DomainException;
import org.junit.jupiter.api.Test;

/** The envelope as received: its bytes kept as they are, and strict UTF-8 checked without decoding a copy. */
class EnvelopeParserTest {
    private static final Envelopes.StudyKeys KEYS = Envelopes.newStudyKeys();
    private static final EnvelopeParser PARSER = new EnvelopeParser(64 * 1024);

    private static Envelopes.Target target(String enumerator) {
        return new Envelopes.Target("test-study", "KH-SVR", "device-1", enumerator,
                new SubmissionHeader.FormRef("interview", 1, "a".repeat(64)),
                new SubmissionHeader.FormRef("consent", 1, "b".repeat(64)), KEYS.fingerprints());
    }

    @Test
    void parse_validEnvelope_keepsTheReceivedBytesNotACopy() {
        byte[] body = Envelopes.bytes(Envelopes.valid(target("enumerator-1"), "c".repeat(64)));

        EnvelopeParser.Parsed parsed = PARSER.parse(body);

        assertThat(parsed.bytes()).isSameAs(body);
        assertThat(parsed.sha256()).isEqualTo(Digests.sha256Hex(body));
        assertThat(parsed.envelope().header().enumerator()).isEqualTo("enumerator-1");
    }

    @Test
    void parse_nonAsciiLongerThanTheCheckBuffer_readAsSent() {
        String enumerator = "\u00e9\u17d2\ud83d\ude00".repeat(1_000);
        byte[] body = Envelopes.bytes(Envelopes.valid(target(enumerator), "c".repeat(64)));

        EnvelopeParser.Parsed parsed = PARSER.parse(body);

        assertThat(parsed.bytes()).isSameAs(body);
        assertThat(parsed.envelope().header().enumerator()).isEqualTo(enumerator);
    }

    @Test
    void parse_notUtf8InsideAString_malformedNotAWrongShape() {
        // Well-formed JSON of the wrong shape is a 422; bytes that are not UTF-8 are a 400 even where the JSON
        // reader would take them (a surrogate encoded on its own), also past the check's 1,024-character buffer
        String valid = "\u00e9".repeat(3_000);
        for (byte[] bad : new byte[][] {{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
                {(byte) 0xC3, '('}, {(byte) 0xFF}}) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(("{\"header\": \"" + valid).getBytes(StandardCharsets.UTF_8));
            body.writeBytes(bad);
            body.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> PARSER.parse(body.toByteArray())).isInstanceOf(EnvelopeMalformedException.class);
        }
        assertThatThrownBy(() -> PARSER.parse(("{\"header\": \"" + valid + "\"}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DomainException.class).isNotInstanceOf(EnvelopeMalformedException.class);
    }
}
