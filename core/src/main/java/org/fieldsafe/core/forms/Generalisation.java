package org.fieldsafe.core.forms;

import java.util.List;
import java.util.Map;

/**
 * How far exports may generalise each quasi-identifier before suppressing respondents ({@code anonymisation}
 * {@code hierarchies}, {@code regions}, {@code max_suppressed_percent} and {@code l_diversity} in study.yaml,
 * docs/forms.md). Level 0 of every quasi-identifier is the base generalisation ({@link Anonymisation}: age bands,
 * dates to the month, site and category as they are); {@code hierarchies} lists the wider levels after it, coarsest
 * last. A quasi-identifier without a hierarchy is never generalised further (category, unless the study allows it).
 *
 * @param hierarchies          wider levels per quasi-identifier, coarsest last
 * @param regions              country code to region, for the site level {@code region}
 * @param maxSuppressedPercent the most respondents (percent of those exported) the export may suppress before it
 *                             generalises further
 * @param lDiversity           the sensitive attribute that each released group must show in at least {@code l}
 *                             distinct values, or null
 */
public record Generalisation(Map<String, List<Level>> hierarchies, Map<String, String> regions,
                             int maxSuppressedPercent, LDiversity lDiversity) {
    /** Level kinds: {@code bands} (wider age bands), site {@code country} and {@code region}, date
     * {@code quarter} and {@code year}, and {@code any} (every value becomes {@code *}). */
    public static final List<String> KINDS = List.of("bands", "country", "region", "quarter", "year", "any");
    public static final int DEFAULT_MAX_SUPPRESSED_PERCENT = 5;

    public Generalisation {
        hierarchies = hierarchies == null ? Map.of() : Map.copyOf(hierarchies);
        regions = regions == null ? Map.of() : Map.copyOf(regions);
    }

    /** One wider level: its kind and, for {@code bands}, the lower bounds of the wider bands. */
    public record Level(String kind, List<Integer> bands) {
        public Level {
            bands = bands == null ? List.of() : List.copyOf(bands);
        }

        public static Level of(String kind) {
            return new Level(kind, List.of());
        }

        /** How the manifest and the CLI name the level: {@code bands 18,35,65}, {@code country}, ... */
        public String describe() {
            return "bands".equals(kind) ? "bands " + String.join(",", bands.stream().map(String::valueOf).toList())
                    : kind;
        }
    }

    /** Distinct l-diversity: every released group shows at least {@code l} distinct values of {@code attribute}. */
    public record LDiversity(String attribute, int l) {
    }
}
