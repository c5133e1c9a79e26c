package org.fieldsafe.core.util;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.json.JsonMappers;

/**
 * Canonical JSON of the model records: snake_case keys sorted by code unit, no white space, nulls and empty
 * collections written out, strings NFC-normalised, UTF-8. Numbers are written as Jackson writes them
 * (the model only holds integers).
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = JsonMappers.canonical();

    private CanonicalJson() {
    }

    /** The mapper used for canonical JSON, also for reading it back. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The canonical UTF-8 bytes of a model value. */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(canonical(MAPPER.valueToTree(value)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("model value is not serialisable: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads canonical JSON back into a model type. */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("not canonical JSON of " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Lower-case hex SHA-256 of the canonical bytes of a model value. */
    public static String sha256(Object value) {
        return Digests.sha256Hex(bytes(value));
    }

    /** A copy of the tree with object keys sorted and strings NFC-normalised. */
    public static JsonNode canonical(JsonNode node) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = node.fieldNames();
            while (it.hasNext()) {
                names.add(it.next());
            }
            ObjectNode out = f.objectNode();
            List<String> sorted = new ArrayList<>();
            for (String n : names) {
                sorted.add(nfc(n));
            }
            Collections.sort(sorted);
            for (String key : sorted) {
                for (String n : names) {
                    if (nfc(n).equals(key)) {
                        out.set(key, canonical(node.get(n)));
                    }
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = f.arrayNode();
            node.forEach(e -> out.add(canonical(e)));
            return out;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(nfc(node.textValue()));
        }
        return node;
    }

    /** NFC normalisation, {@code null}-safe. */
    public static String nfc(String s) {
        return s == null ? null : Normalizer.normalize(s, Normalizer.Form.NFC);
    }
}
