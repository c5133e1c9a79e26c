package org.fieldsafe.core.forms;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML file read with Jackson's streaming YAML parser into a {@link JsonNode} tree, remembering the line of
 * every field path ({@code questions[3].relevant}). Unquoted YAML 1.1 booleans other than true/false
 * ({@code yes}, {@code no}, {@code on}, {@code off}) are kept as text; duplicate keys are problems.
 */
final class YamlDocument {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String file;
    private final JsonNode root;
    private final Map<String, Integer> lines;

    private YamlDocument(String file, JsonNode root, Map<String, Integer> lines) {
        this.file = file;
        this.root = root;
        this.lines = lines;
    }

    /** Parses; a syntax error is added to {@code problems} and gives {@code null}. */
    static YamlDocument parse(String yaml, String file, List<FormProblem> problems) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = YAML.createParser(yaml)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.add(new FormProblem(file, 1, "", "the file is empty"));
                return null;
            }
            lines.put("", line(p));
            JsonNode root = new Builder(p, file, lines, problems).value("");
            if (p.nextToken() != null) {
                problems.add(new FormProblem(file, line(p), "", "only one YAML document per file"));
            }
            return new YamlDocument(file, root, lines);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.add(new FormProblem(file, line, "", "not valid YAML: " + e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            problems.add(new FormProblem(file, 0, "", "cannot read: " + e.getMessage()));
            return null;
        }
    }

    String file() {
        return file;
    }

    JsonNode root() {
        return root;
    }

    /** The line of a field path, or of its nearest enclosing path. */
    int line(String path) {
        String p = path;
        while (true) {
            Integer l = lines.get(p);
            if (l != null) {
                return l;
            }
            if (p.isEmpty()) {
                return 0;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    private static final class Builder {
        private final JsonParser p;
        private final String file;
        private final Map<String, Integer> lines;
        private final List<FormProblem> problems;

        Builder(JsonParser p, String file, Map<String, Integer> lines, List<FormProblem> problems) {
            this.p = p;
            this.file = file;
            this.lines = lines;
            this.problems = problems;
        }

        /** Reads the value at the current token. */
        JsonNode value(String path) throws IOException {
            JsonToken t = p.currentToken();
            switch (t) {
                case START_OBJECT:
                    return object(path);
                case START_ARRAY:
                    return array(path);
                case VALUE_STRING:
                    return TextNode.valueOf(p.getText());
                case VALUE_NUMBER_INT:
                    return NODES.numberNode(p.getBigIntegerValue());
                case VALUE_NUMBER_FLOAT:
                    return NODES.numberNode(p.getDecimalValue());
                case VALUE_TRUE:
                case VALUE_FALSE:
                    String text = p.getText();
                    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                        return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
                    }
                    return TextNode.valueOf(text);
                case VALUE_NULL:
                    return NullNode.getInstance();
                default:
                    return TextNode.valueOf(p.getText());
            }
        }

        private ObjectNode object(String path) throws IOException {
            ObjectNode node = NODES.objectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                String childPath = child(path, key);
                int keyLine = line(p);
                p.nextToken();
                JsonNode v = value(childPath);
                if (node.has(key)) {
                    problems.add(new FormProblem(file, keyLine, childPath, "duplicate key"));
                    continue;
                }
                lines.put(childPath, keyLine);
                node.set(key, v);
            }
            return node;
        }

        private ArrayNode array(String path) throws IOException {
            ArrayNode node = NODES.arrayNode();
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String childPath = index(path, i++);
                lines.put(childPath, line(p));
                node.add(value(childPath));
            }
            return node;
        }
    }
}
