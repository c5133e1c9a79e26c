package org.fieldsafe.core.forms;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads study.yaml's {@code redaction} block ({@link Redaction}): {@code places} and {@code organisations}, lists of
 * names, study-wide and under {@code sites: {<site id>: {places, organisations}}}. A name has at least two letters
 * (a shorter one would replace ordinary words); a site must be one of the study's. Null when study.yaml has no block.
 */
final class RedactionParser {
    private static final Set<String> KEYS = Set.of("places", "organisations");

    private final NodeReader r;

    RedactionParser(NodeReader r) {
        this.r = r;
    }

    Redaction parse(JsonNode s, List<Site> sites) {
        String p = "redaction";
        if (!s.has(p)) {
            return null;
        }
        JsonNode o = r.object(s.get(p), p, Set.of("places", "organisations", "sites"));
        if (o == null) {
            return null;
        }
        Map<String, Redaction.Names> bySite = new LinkedHashMap<>();
        JsonNode siteNode = o.get("sites");
        String sp = YamlDocument.child(p, "sites");
        if (siteNode != null && !siteNode.isObject()) {
            r.problem(sp, "expected a mapping of site ids to their places and organisations");
        } else if (siteNode != null) {
            siteNode.properties().forEach(e -> {
                String at = YamlDocument.child(sp, e.getKey());
                if (sites.stream().noneMatch(site -> e.getKey().equals(site.id()))) {
                    r.problem(at, "'" + e.getKey() + "' is not a site of the study");
                    return;
                }
                JsonNode names = r.object(e.getValue(), at, KEYS);
                if (names != null) {
                    bySite.put(e.getKey(), new Redaction.Names(names(names, at, "places"),
                            names(names, at, "organisations")));
                }
            });
        }
        return new Redaction(names(o, p, "places"), names(o, p, "organisations"), bySite);
    }

    private List<String> names(JsonNode o, String p, String key) {
        List<String> names = r.texts(o, p, key, false);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).strip().codePointCount(0, names.get(i).strip().length()) < 2) {
                r.problem(YamlDocument.index(YamlDocument.child(p, key), i),
                        "a name to redact has at least two letters");
            }
        }
        return names.stream().map(String::strip).map(NodeReader::nfc).toList();
    }
}
