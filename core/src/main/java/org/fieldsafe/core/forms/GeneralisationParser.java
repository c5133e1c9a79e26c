package org.fieldsafe.core.forms;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the generalisation part of study.yaml's {@code anonymisation} block ({@link Generalisation}): per
 * quasi-identifier a list of wider levels, each {@code any}, {@code country}, {@code region}, {@code quarter},
 * {@code year} or a list of wider age bands (lower bounds, each one of the level before's bounds, so each wider
 * band is a union of narrower ones); the regions of the sites' countries; the suppression limit; l-diversity.
 * Null when the block names none of these.
 */
final class GeneralisationParser {
    private static final List<String> ORDER = List.of("country", "region", "quarter", "year", "any");

    private final NodeReader r;

    GeneralisationParser(NodeReader r) {
        this.r = r;
    }

    Generalisation parse(JsonNode o, String p, List<String> quasi, List<Integer> ageBands) {
        if (!o.has("hierarchies") && !o.has("regions") && !o.has("max_suppressed_percent")
                && !o.has("l_diversity")) {
            return null;
        }
        Map<String, List<Generalisation.Level>> hierarchies = new LinkedHashMap<>();
        JsonNode h = o.get("hierarchies");
        String hp = YamlDocument.child(p, "hierarchies");
        if (h != null && !h.isObject()) {
            r.problem(hp, "expected a mapping of quasi-identifiers to their wider levels");
        } else if (h != null) {
            h.properties().forEach(e -> {
                String at = YamlDocument.child(hp, e.getKey());
                if (!quasi.contains(e.getKey())) {
                    r.problem(at, "'" + e.getKey() + "' is not one of quasi_identifiers");
                    return;
                }
                hierarchies.put(e.getKey(), levels(e.getValue(), at, ageBands));
            });
        }
        Map<String, String> regions = r.stringMap(o, p, "regions", false);
        boolean usesRegion = hierarchies.values().stream().flatMap(List::stream)
                .anyMatch(l -> "region".equals(l.kind()));
        if (usesRegion && (regions == null || regions.isEmpty())) {
            r.problem(hp, "a 'region' level needs 'regions' (country code: region name)");
        }
        Integer max = r.integer(o, p, "max_suppressed_percent", false, 0);
        if (max != null && max > 100) {
            r.problem(YamlDocument.child(p, "max_suppressed_percent"), "must be at most 100");
        }
        Generalisation.LDiversity l = lDiversity(o, p, quasi);
        return new Generalisation(hierarchies, regions,
                max == null ? Generalisation.DEFAULT_MAX_SUPPRESSED_PERCENT : max, l);
    }

    private List<Generalisation.Level> levels(JsonNode v, String at, List<Integer> ageBands) {
        List<Generalisation.Level> out = new ArrayList<>();
        if (!v.isArray() || v.isEmpty()) {
            r.problem(at, "expected a list of wider levels, coarsest last");
            return out;
        }
        List<Integer> previousBands = ageBands;
        int previousRank = -1;
        for (int i = 0; i < v.size(); i++) {
            JsonNode level = v.get(i);
            String li = YamlDocument.index(at, i);
            if (level.isArray()) {
                List<Integer> bands = bands(level, li, previousBands);
                if (previousRank >= 0) {
                    r.problem(li, "wider age bands must come before " + ORDER.get(previousRank));
                }
                previousBands = bands;
                out.add(new Generalisation.Level("bands", bands));
                continue;
            }
            String kind = level.isTextual() ? level.textValue() : null;
            int rank = kind == null ? -1 : ORDER.indexOf(kind);
            if (rank < 0) {
                r.problem(li, "expected one of " + String.join(", ", ORDER) + " or a list of wider age bands, got "
                        + NodeReader.describe(level));
            } else if (rank <= previousRank) {
                r.problem(li, "'" + kind + "' must come before " + ORDER.get(previousRank) + " (coarsest last)");
            } else {
                previousRank = rank;
                out.add(Generalisation.Level.of(kind));
            }
        }
        return out;
    }

    private List<Integer> bands(JsonNode level, String at, List<Integer> narrower) {
        List<Integer> bands = new ArrayList<>();
        for (int j = 0; j < level.size(); j++) {
            JsonNode b = level.get(j);
            if (!b.isIntegralNumber() || !narrower.contains(b.intValue())) {
                r.problem(YamlDocument.index(at, j), "a wider band's lower bound must be one of the narrower level's "
                        + narrower + ", got " + NodeReader.describe(b));
            } else if (!bands.isEmpty() && b.intValue() <= bands.get(bands.size() - 1)) {
                r.problem(YamlDocument.index(at, j), "age bands must be strictly increasing");
            } else {
                bands.add(b.intValue());
            }
        }
        if (bands.isEmpty() || bands.size() >= narrower.size()) {
            r.problem(at, "wider age bands must be fewer than the narrower level's " + narrower.size()
                    + " (and at least one)");
        }
        return bands;
    }

    private Generalisation.LDiversity lDiversity(JsonNode o, String p, List<String> quasi) {
        if (!o.has("l_diversity")) {
            return null;
        }
        String lp = YamlDocument.child(p, "l_diversity");
        JsonNode l = r.object(o.get("l_diversity"), lp, Set.of("attribute", "l"));
        if (l == null) {
            return null;
        }
        String attribute = r.text(l, lp, "attribute", true);
        Integer n = r.integer(l, lp, "l", true, 2);
        if (attribute != null && quasi.contains(attribute)) {
            r.problem(YamlDocument.child(lp, "attribute"), "the sensitive attribute cannot be a quasi-identifier");
        }
        return attribute == null || n == null ? null : new Generalisation.LDiversity(attribute, n);
    }
}
