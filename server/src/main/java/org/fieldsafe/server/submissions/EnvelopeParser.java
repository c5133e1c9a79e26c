package org.fieldsafe.server.submissions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.server.json.ServerJson;

/**
 * Reads an uploaded envelope strictly: UTF-8 JSON, no duplicate keys, no trailing content, no unknown fields, no
 * type coercion, and every boolean and number of the header present (they are {@code required} in
 * {@link org.fieldsafe.core.wire.SubmissionHeader}) - so that the server, the device and the key holders all read
 * the same header. The body is read once, straight into the envelope, without an intermediate tree. Malformed JSON is a 400, a body over the limit a 413, and a well-formed body
 * of the wrong shape a 422 naming the field.
 */
public final class EnvelopeParser {
    private static final ObjectMapper JSON = ServerJson.envelope();

    private final long maxBytes;

    public EnvelopeParser(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * An upload as read: the envelope, its exact bytes as received (well-formed UTF-8; kept as they are for the
     * envelope file, not decoded into a {@code String} and encoded back) and their SHA-256.
     */
    public record Parsed(Envelope envelope, byte[] bytes, String sha256) {
    }

    public Parsed parse(byte[] body) {
        if (body.length > maxBytes) {
            throw new EnvelopeTooLargeException();
        }
        requireUtf8(body);
        Envelope envelope;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed();
            }
            envelope = JSON.readValue(parser, Envelope.class);
            if (parser.nextToken() != null) {
                throw malformed();
            }
        } catch (JsonMappingException e) {
            // Malformed JSON anywhere is a 400, even after a field of the wrong shape (as if read as a tree first).
            throw wellFormed(body) ? SubmissionProblems.invalid(path(e)) : malformed();
        } catch (IOException e) {
            throw malformed();
        }
        return new Parsed(envelope, body, Digests.sha256Hex(body));
    }

    /** True when the body is one well-formed JSON value without duplicate keys (read only on the error path). */
    private static boolean wellFormed(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "envelope" : path.toString();
    }

    /**
     * Refuses a body that is not well-formed UTF-8, without making a copy of it (BENCHMARKS.md section (n)).
     * Envelopes are normally pure ASCII (base64, hex, ids), which is only scanned; anything else goes through a
     * strict decoder into a small buffer that is thrown away.
     */
    private static void requireUtf8(byte[] body) {
        if (ascii(body)) {
            return;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(1024);
        CoderResult result;
        do {
            out.clear();
            result = decoder.decode(in, out, true);
            if (result.isError()) {
                throw malformed();
            }
        } while (result.isOverflow());
        do {
            out.clear();
            result = decoder.flush(out);
            if (result.isError()) {
                throw malformed();
            }
        } while (result.isOverflow());
    }

    private static boolean ascii(byte[] body) {
        for (byte b : body) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static EnvelopeMalformedException malformed() {
        return new EnvelopeMalformedException();
    }
}
