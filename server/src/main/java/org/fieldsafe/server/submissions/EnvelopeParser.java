package org.fieldsafe.server.submissions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.Problem;
import org.fieldsafe.server.ProblemException;
import org.fieldsafe.server.mappers.Problems;

/**
 * Reads an uploaded envelope strictly: UTF-8 JSON, no duplicate keys, no trailing content, no unknown fields, no
 * type coercion, and every boolean and number of the header present - so that the server, the device and the key
 * holders all read the same header. Malformed JSON is a 400, a body over the limit a 413, and a well-formed body
 * of the wrong shape a 422 naming the field.
 */
public final class EnvelopeParser {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    /** Header primitives that must be present: a missing one would silently read as false or 0. */
    private static final List<String> REQUIRED_HEADER = List.of("v", "form/version", "consentForm/version");
    private static final List<String> REQUIRED_CONSENT = List.of("participation", "recording", "minor");

    private final long maxBytes;

    public EnvelopeParser(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** An upload as read: the envelope, its exact text and the SHA-256 of its bytes. */
    public record Parsed(Envelope envelope, String text, String sha256) {
    }

    public Parsed parse(byte[] body) {
        if (body.length > maxBytes) {
            throw new ProblemException(Problems.forStatus(413), Map.of());
        }
        String text = utf8(body);
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (IOException e) {
            throw malformed();
        }
        if (tree == null || !tree.isObject()) {
            throw malformed();
        }
        requirePrimitives(tree);
        try {
            return new Parsed(JSON.treeToValue(tree, Envelope.class), text, Digests.sha256Hex(body));
        } catch (JsonMappingException e) {
            throw SubmissionProblems.invalid(path(e));
        } catch (JsonProcessingException e) {
            throw malformed();
        }
    }

    private static void requirePrimitives(JsonNode envelope) {
        JsonNode header = envelope.path("header");
        if (!header.isObject()) {
            return;
        }
        for (String field : REQUIRED_HEADER) {
            String[] steps = field.split("/");
            if (!header.path(steps[0]).isObject() && steps.length > 1) {
                continue;
            }
            if (header.at("/" + field).isMissingNode()) {
                throw SubmissionProblems.invalid("header." + field.replace('/', '.'));
            }
        }
        JsonNode respondents = header.path("respondents");
        for (int i = 0; i < respondents.size(); i++) {
            JsonNode consent = respondents.path(i).path("consent");
            for (String field : REQUIRED_CONSENT) {
                if (consent.isObject() && consent.path(field).isMissingNode()) {
                    throw SubmissionProblems.invalid("header.respondents[" + i + "].consent." + field);
                }
            }
        }
        JsonNode triage = header.path("triage");
        if (triage.isObject() && triage.path("raisedByEnumerator").isMissingNode()) {
            throw SubmissionProblems.invalid("header.triage.raisedByEnumerator");
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

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed();
        }
    }

    private static ProblemException malformed() {
        return new ProblemException(Problem.of("malformed-json", "Malformed JSON", 400,
                "The request body is not a JSON envelope."), Map.of());
    }
}
