package org.fieldsafe.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.fieldsafe.core.forms.Anonymisation;
import org.fieldsafe.core.forms.Generalisation;
import org.fieldsafe.core.forms.Site;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.export.generalise.Criteria;
import org.fieldsafe.export.generalise.GroupTable;
import org.fieldsafe.export.generalise.Hierarchy;
import org.fieldsafe.export.generalise.LatticeSearch;

/**
 * What pass 2 releases: the generalisation the lattice search chose over pass 1's group counts, applied to each
 * spooled row (its site, category and quasi-identifier answers rewritten to the chosen levels), and whether the
 * row's generalised group meets k (and l). Thread-safe (pass 2's reader threads call it).
 */
final class Release {
    private final List<String> quasi;
    private final List<Hierarchy> hierarchies;
    private final Criteria criteria;
    private final LatticeSearch.Result result;
    private final Map<String, String> generalisedKey = new ConcurrentHashMap<>();

    private Release(List<String> quasi, List<Hierarchy> hierarchies, Criteria criteria, LatticeSearch.Result result) {
        this.quasi = quasi;
        this.hierarchies = hierarchies;
        this.criteria = criteria;
        this.result = result;
    }

    /** The hierarchies of the layout's quasi-identifiers; IllegalArgumentException when a level does not fit. */
    static List<Hierarchy> hierarchies(Study study, ExportLayout layout) {
        Anonymisation a = layout.anonymisation();
        Generalisation g = a.generalisation();
        Map<String, String> countryOfSite = new LinkedHashMap<>();
        for (Site s : study.sites()) {
            countryOfSite.put(s.id(), s.country());
        }
        List<Hierarchy> out = new ArrayList<>();
        for (String name : a.quasiIdentifiers()) {
            List<Generalisation.Level> levels = g == null ? List.of() : g.hierarchies().getOrDefault(name, List.of());
            out.add(new Hierarchy(name, kind(name, layout), levels, countryOfSite,
                    g == null ? Map.of() : g.regions(), a.ageBands()));
        }
        return List.copyOf(out);
    }

    private static Hierarchy.Kind kind(String name, ExportLayout layout) {
        if (Anonymisation.SITE.equals(name)) {
            return Hierarchy.Kind.SITE;
        }
        if (Anonymisation.CATEGORY.equals(name)) {
            return Hierarchy.Kind.CATEGORY;
        }
        Treatment t = layout.quasiIdentifier(name).map(ExportLayout.Item::treatment).orElse(Treatment.AS_IS);
        return switch (t) {
            case BAND -> Hierarchy.Kind.BAND;
            case DATE -> Hierarchy.Kind.DATE;
            default -> Hierarchy.Kind.CHOICE;
        };
    }

    /** Searches the lattice over pass 1's groups. */
    static Release search(List<String> quasi, List<Hierarchy> hierarchies, Criteria criteria,
                          Map<String, Long> groups, Map<String, Set<String>> sensitive) {
        GroupTable table = new GroupTable(quasi.size(), groups, sensitive);
        return new Release(List.copyOf(quasi), hierarchies, criteria,
                new LatticeSearch(table, hierarchies, criteria).search());
    }

    LatticeSearch.Result result() {
        return result;
    }

    Criteria criteria() {
        return criteria;
    }

    List<String> quasiIdentifiers() {
        return quasi;
    }

    /** The chosen level of each quasi-identifier, in words ({@code as collected}, {@code country}, ...). */
    Map<String, String> levels() {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < quasi.size(); i++) {
            out.put(quasi.get(i), hierarchies.get(i).describe(result.chosen().node()[i]));
        }
        return out;
    }

    /** The generalised group key of a row's base group key. */
    String group(String baseKey) {
        return generalisedKey.computeIfAbsent(baseKey, k -> {
            String[] base = GroupTable.split(k, quasi.size());
            String[] g = new String[base.length];
            for (int i = 0; i < base.length; i++) {
                g[i] = hierarchies.get(i).generalise(base[i], result.chosen().node()[i]);
            }
            return GroupTable.join(g);
        });
    }

    /** The size of the row's generalised group. */
    long size(String baseKey) {
        return result.chosen().groups().get(group(baseKey)).size();
    }

    boolean released(String baseKey) {
        GroupTable.Group g = result.chosen().groups().get(group(baseKey));
        return criteria.releases(g.size(), g.sensitive().size());
    }

    /** The row with its quasi-identifiers at the chosen levels (the row itself when nothing is generalised). */
    ExportRow apply(ExportRow row) {
        int[] node = result.chosen().node();
        if (java.util.Arrays.stream(node).allMatch(l -> l == 0)) {
            return row;
        }
        String[] values = GroupTable.split(group(row.group()), quasi.size());
        String site = row.site();
        String category = row.category();
        Map<String, Object> answers = new LinkedHashMap<>(row.answers());
        for (int i = 0; i < quasi.size(); i++) {
            if (node[i] == 0) {
                continue;
            }
            String name = quasi.get(i);
            if (Anonymisation.SITE.equals(name)) {
                site = values[i];
            } else if (Anonymisation.CATEGORY.equals(name)) {
                category = values[i];
            }
            if (answers.containsKey(name)) {
                answers.put(name, values[i]);
            }
        }
        return new ExportRow(row.interview(), row.respondent(), site, category, row.form(), row.formVersion(),
                row.language(), row.finalised(), group(row.group()), answers, row.missing());
    }

    /**
     * Suppressed respondents by the category of their group (all categories when category is not a kept
     * quasi-identifier) and why: too few members, or too few distinct sensitive values. Group values other than the
     * category are not named: they would publish exactly the small cells suppression hides.
     */
    Map<String, Map<String, Long>> suppressedByCategory() {
        int c = quasi.indexOf(Anonymisation.CATEGORY);
        boolean kept = c >= 0 && result.chosen().node()[c] == 0;
        Map<String, Map<String, Long>> out = new TreeMap<>();
        result.chosen().groups().forEach((key, g) -> {
            if (criteria.releases(g.size(), g.sensitive().size())) {
                return;
            }
            String category = kept ? GroupTable.split(key, quasi.size())[c] : "all categories";
            String why = g.size() < criteria.k() ? "fewer than k" : "fewer than l distinct values";
            out.computeIfAbsent(category, x -> new TreeMap<>()).merge(why, g.size(), Long::sum);
        });
        return out;
    }
}
