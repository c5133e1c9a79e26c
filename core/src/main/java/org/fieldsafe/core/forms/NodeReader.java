package org.fieldsafe.core.forms;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads typed fields out of a {@link YamlDocument}, adding a located {@link FormProblem} for every unknown
 * key, wrong type and missing required field. Texts are NFC-normalised as they are read.
 */
final class NodeReader {
    private final YamlDocument doc;
    private final List<FormProblem> problems;

    NodeReader(YamlDocument doc, List<FormProblem> problems) {
        this.doc = doc;
        this.problems = problems;
    }

    String file() {
        return doc.file();
    }

    void problem(String path, String message) {
        problems.add(new FormProblem(doc.file(), doc.line(path), path, message));
    }

    int problemCount() {
        return problems.size();
    }

    /** The node as an object whose keys are all in {@code allowed}; {@code null} (with a problem) otherwise. */
    JsonNode object(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            problem(path, "expected a mapping, got " + describe(node));
            return null;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!allowed.contains(key)) {
                problem(YamlDocument.child(path, key), "unknown key '" + key + "' (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
        return node;
    }

    private JsonNode field(JsonNode obj, String path, String key, boolean required) {
        JsonNode v = obj.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                problem(path.isEmpty() ? key : YamlDocument.child(path, key), "missing required field");
            }
            return null;
        }
        return v;
    }

    /** A text scalar; integers are accepted as their digits (an unquoted choice id such as {@code 1}). */
    String text(JsonNode obj, String path, String key, boolean required) {
        JsonNode v = field(obj, path, key, required);
        if (v == null) {
            return null;
        }
        return scalarText(v, YamlDocument.child(path, key));
    }

    String scalarText(JsonNode v, String path) {
        if (v.isTextual()) {
            return nfc(v.textValue());
        }
        if (v.isIntegralNumber()) {
            return v.asText();
        }
        problem(path, "expected text, got " + describe(v));
        return null;
    }

    /** A text that must match {@code regex}. */
    String id(JsonNode obj, String path, String key, String regex) {
        String s = text(obj, path, key, true);
        if (s != null && !s.matches(regex)) {
            problem(YamlDocument.child(path, key), "'" + s + "' does not match " + regex);
        }
        return s;
    }

    Integer integer(JsonNode obj, String path, String key, boolean required, int min) {
        JsonNode v = field(obj, path, key, required);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            problem(YamlDocument.child(path, key), "expected a whole number, got " + describe(v));
            return null;
        }
        if (v.intValue() < min) {
            problem(YamlDocument.child(path, key), "must be at least " + min);
            return null;
        }
        return v.intValue();
    }

    boolean bool(JsonNode obj, String path, String key, boolean dflt) {
        JsonNode v = field(obj, path, key, false);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            problem(YamlDocument.child(path, key), "expected true or false, got " + describe(v));
            return dflt;
        }
        return v.booleanValue();
    }

    <E> E enumValue(JsonNode obj, String path, String key, Function<String, E> parse, E[] values, E dflt) {
        String s = text(obj, path, key, dflt == null);
        if (s == null) {
            return dflt;
        }
        try {
            return parse.apply(s);
        } catch (IllegalArgumentException e) {
            problem(YamlDocument.child(path, key), "'" + s + "' is not one of "
                    + String.join(", ", java.util.Arrays.stream(values).map(Object::toString).toList()));
            return dflt;
        }
    }

    /** The elements of a sequence field with their paths; empty when absent (a problem if required). */
    List<Map.Entry<String, JsonNode>> list(JsonNode obj, String path, String key, boolean required) {
        JsonNode v = field(obj, path, key, required);
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        String p = YamlDocument.child(path, key);
        if (!v.isArray()) {
            problem(p, "expected a list, got " + describe(v));
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            out.add(Map.entry(YamlDocument.index(p, i), v.get(i)));
        }
        return out;
    }

    /** A list of text scalars. */
    List<String> texts(JsonNode obj, String path, String key, boolean required) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : list(obj, path, key, required)) {
            String s = scalarText(e.getValue(), e.getKey());
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** A mapping of keys to text scalars, in file order; {@code null} when absent. */
    Map<String, String> stringMap(JsonNode obj, String path, String key, boolean required) {
        JsonNode v = field(obj, path, key, required);
        if (v == null) {
            return null;
        }
        String p = YamlDocument.child(path, key);
        if (!v.isObject()) {
            problem(p, "expected a mapping, got " + describe(v));
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        v.properties().forEach(e -> {
            String s = scalarText(e.getValue(), YamlDocument.child(p, e.getKey()));
            if (s != null) {
                out.put(nfc(e.getKey()), s);
            }
        });
        return out;
    }

    static String nfc(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    static String describe(JsonNode v) {
        if (v == null || v.isNull()) {
            return "nothing";
        }
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isBoolean()) {
            return "true/false";
        }
        if (v.isNumber()) {
            return "the number " + v.asText();
        }
        return "'" + v.asText() + "'";
    }
}
