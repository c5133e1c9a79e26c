package org.fieldsafe.export.generalise;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldsafe.core.forms.Anonymisation;
import org.fieldsafe.core.forms.Generalisation;

/**
 * The generalisation hierarchy of one quasi-identifier: level 0 is the export's base value (a site id, a category,
 * an age band, a choice id, a month), each further level one of the study's wider levels. Every level maps each value
 * of the level below to exactly one value, so the groups of a wider level are unions of narrower groups (what makes
 * the lattice search's pruning sound). A missing value stays missing except at {@code any}, where every value is
 * {@value #ANY}.
 */
public final class Hierarchy {
    public static final String ANY = "*";

    /** What kind of value the quasi-identifier holds, which decides the levels it may have. */
    public enum Kind {
        SITE(Set.of("country", "region", "any")),
        CATEGORY(Set.of("any")),
        BAND(Set.of("bands", "any")),
        CHOICE(Set.of("any")),
        DATE(Set.of("quarter", "year", "any"));

        private final Set<String> levels;

        Kind(Set<String> levels) {
            this.levels = levels;
        }
    }

    private final String name;
    private final Kind kind;
    private final List<Generalisation.Level> levels;
    private final Map<String, String> countryOfSite;
    private final Map<String, String> regions;
    private final List<Integer> baseBands;

    /**
     * @param countryOfSite site id to country code (for {@code country} and {@code region})
     * @param regions       country code to region
     * @param baseBands     the study's age bands (level 0 of a band hierarchy)
     * @throws IllegalArgumentException when a level does not fit the kind of value, or a region is missing
     */
    public Hierarchy(String name, Kind kind, List<Generalisation.Level> levels, Map<String, String> countryOfSite,
                     Map<String, String> regions, List<Integer> baseBands) {
        this.name = name;
        this.kind = kind;
        this.levels = List.copyOf(levels);
        this.countryOfSite = Map.copyOf(countryOfSite);
        this.regions = Map.copyOf(regions);
        this.baseBands = List.copyOf(baseBands);
        for (Generalisation.Level l : levels) {
            if (!kind.levels.contains(l.kind())) {
                throw new IllegalArgumentException("the study's hierarchy of '" + name + "' has the level '"
                        + l.describe() + "', which does not fit a " + kind.name().toLowerCase() + " (allowed: "
                        + String.join(", ", kind.levels.stream().sorted().toList()) + ")");
            }
            if ("region".equals(l.kind())) {
                for (String country : countryOfSite.values()) {
                    if (!regions.containsKey(country)) {
                        throw new IllegalArgumentException("the study's regions do not name the country '" + country
                                + "'");
                    }
                }
            }
        }
    }

    public String name() {
        return name;
    }

    /** The number of wider levels (level 0 not counted). */
    public int height() {
        return levels.size();
    }

    /** The level's name: {@code as collected} for level 0, else the study's level ({@code country}, ...). */
    public String describe(int level) {
        return level == 0 ? "as collected" : levels.get(level - 1).describe();
    }

    /** The base value {@code value} (empty: missing) at {@code level}. */
    public String generalise(String value, int level) {
        if (level == 0) {
            return value;
        }
        Generalisation.Level l = levels.get(level - 1);
        if ("any".equals(l.kind())) {
            return ANY;
        }
        if (value == null || value.isEmpty()) {
            return value;
        }
        return switch (l.kind()) {
            case "country" -> countryOfSite.getOrDefault(value, value);
            case "region" -> regions.getOrDefault(countryOfSite.getOrDefault(value, value), value);
            case "quarter" -> value.length() >= 7 ? value.substring(0, 4) + "-Q"
                    + ((Integer.parseInt(value.substring(5, 7)) - 1) / 3 + 1) : value;
            case "year" -> value.substring(0, Math.min(4, value.length()));
            case "bands" -> wider(value, l.bands());
            default -> throw new IllegalStateException("unknown level " + l.kind());
        };
    }

    /** A base band label ({@code <18}, {@code 18-24}, {@code 65+}) as its wider band. */
    private String wider(String band, List<Integer> bands) {
        int age;
        if (band.startsWith("<")) {
            age = Integer.parseInt(band.substring(1)) - 1;
        } else if (band.endsWith("+")) {
            age = Integer.parseInt(band.substring(0, band.length() - 1));
        } else {
            age = Integer.parseInt(band.substring(0, band.indexOf('-')));
        }
        return new Anonymisation(List.of(), bands, null).band(age);
    }

    List<Integer> baseBands() {
        return baseBands;
    }
}
