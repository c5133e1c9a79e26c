package org.fieldsafe.export.generalise;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The quasi-identifier groups counted in pass 1, at level 0: each group's values (in the order of the
 * quasi-identifiers), its number of respondents and the distinct values of the sensitive attribute among them.
 * Bounded by the number of combinations of base values, not by the number of respondents.
 */
public final class GroupTable {
    /** Separates the values of a group key (the export's row group key uses the same). */
    public static final String SEPARATOR = "\u001f";

    private final int width;
    private final List<String[]> values = new ArrayList<>();
    private final List<Long> counts = new ArrayList<>();
    private final List<Set<String>> sensitive = new ArrayList<>();

    /**
     * @param width     the number of quasi-identifiers
     * @param counts    group key (values joined by {@link #SEPARATOR}) to its respondents
     * @param sensitive group key to the distinct sensitive values in it (empty map: no l-diversity)
     */
    public GroupTable(int width, Map<String, Long> counts, Map<String, ? extends Set<String>> sensitive) {
        this.width = width;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            values.add(split(e.getKey(), width));
            this.counts.add(e.getValue());
            Set<String> s = sensitive.get(e.getKey());
            this.sensitive.add(s == null ? Set.of() : Set.copyOf(s));
        }
    }

    /** A group key's values; a key of zero quasi-identifiers has none. */
    public static String[] split(String key, int width) {
        return width == 0 ? new String[0] : key.split(SEPARATOR, -1);
    }

    public static String join(String[] values) {
        return String.join(SEPARATOR, values);
    }

    int width() {
        return width;
    }

    int size() {
        return values.size();
    }

    String[] values(int i) {
        return values.get(i);
    }

    long count(int i) {
        return counts.get(i);
    }

    Set<String> sensitive(int i) {
        return sensitive.get(i);
    }

    /** Respondents in all groups. */
    public long total() {
        return counts.stream().mapToLong(Long::longValue).sum();
    }

    /** One generalised group: its respondents and its distinct sensitive values. */
    public record Group(long size, Set<String> sensitive) {
    }

    /** The groups at {@code node}: generalised key to its group. */
    Map<String, Group> generalise(List<Hierarchy> hierarchies, int[] node) {
        Map<String, Long> sizes = new HashMap<>();
        Map<String, Set<String>> values = new HashMap<>();
        for (int i = 0; i < size(); i++) {
            String key = key(hierarchies, node, values(i));
            sizes.merge(key, count(i), Long::sum);
            values.computeIfAbsent(key, k -> new HashSet<>()).addAll(sensitive(i));
        }
        Map<String, Group> out = new HashMap<>();
        sizes.forEach((key, size) -> out.put(key, new Group(size, values.get(key))));
        return out;
    }

    /** The key of base values {@code base} at {@code node}. */
    static String key(List<Hierarchy> hierarchies, int[] node, String[] base) {
        String[] g = new String[base.length];
        for (int q = 0; q < base.length; q++) {
            g[q] = hierarchies.get(q).generalise(base[q], node[q]);
        }
        return join(g);
    }
}
