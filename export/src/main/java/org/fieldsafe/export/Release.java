package org.fieldsafe.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
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
    /** Released site value (the site column) to the languages of the interviews of every site it stands for. */
    private final Map<String, String> languages = new HashMap<>();

    private Release(List<String> quasi, List<Hierarchy> hierarchies, Criteria criteria, LatticeSearch.Result result,
                    Map<String, ? extends Set<String>> languagesBySite) {
        this.quasi = quasi;
        this.hierarchies = hierarchies;
        this.criteria = criteria;
        this.result = result;
        Map<String, Set<String>> union = new HashMap<>();
        languagesBySite.forEach((siteInGroup, used) -> {
            int cut = siteInGroup.indexOf(GroupTable.SEPARATOR);
            String group = siteInGroup.substring(cut + 1);
            if (released(group)) {
                union.computeIfAbsent(site(siteInGroup.substring(0, cut)), x -> new TreeSet<>()).addAll(used);
            }
        });
        union.forEach((site, used) -> languages.put(site, String.join(" ", used)));
    }

    /**
     * The key pass 1 counts languages under: the row's site (as collected) and its base group key, so that only
     * the languages of released respondents are named.
     */
    static String siteInGroup(String site, String baseGroup) {
        return site + GroupTable.SEPARATOR + baseGroup;
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
            Hierarchy.Kind kind = kind(name, layout);
            List<Generalisation.Level> levels = g == null ? null : g.hierarchies().get(name);
            if (levels == null) {
                levels = kind == Hierarchy.Kind.DATE ? dateLevels(a) : List.of();
            }
            out.add(new Hierarchy(name, kind, levels, countryOfSite,
                    g == null ? Map.of() : g.regions(), a.ageBands()));
        }
        return List.copyOf(out);
    }

    /**
     * The wider levels of a date the study gives no hierarchy (the interview's finalised date, a date question):
     * month, then quarter, year and any (from the year: any), so a date never forces suppression.
     */
    static List<Generalisation.Level> dateLevels(Anonymisation a) {
        return "year".equals(a.dates()) ? List.of(Generalisation.Level.of("any"))
                : List.of(Generalisation.Level.of("quarter"), Generalisation.Level.of("year"),
                Generalisation.Level.of("any"));
    }

    private static Hierarchy.Kind kind(String name, ExportLayout layout) {
        if (ExportLayout.FINALISED.equals(name)) {
            return Hierarchy.Kind.DATE;
        }
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

    /**
     * Searches the lattice over pass 1's groups.
     *
     * @param languagesBySite {@link #siteInGroup} keys to the languages of their interviews
     */
    static Release search(List<String> quasi, List<Hierarchy> hierarchies, Criteria criteria,
                          Map<String, Long> groups, Map<String, Set<String>> sensitive,
                          Map<String, ? extends Set<String>> languagesBySite) {
        GroupTable table = new GroupTable(quasi.size(), groups, sensitive);
        return new Release(List.copyOf(quasi), hierarchies, criteria,
                new LatticeSearch(table, hierarchies, criteria).search(), languagesBySite);
    }

    /** A site as the site column releases it: at the chosen level (as it is when site is no quasi-identifier). */
    private String site(String site) {
        int i = quasi.indexOf(Anonymisation.SITE);
        return i < 0 ? site : hierarchies.get(i).generalise(site, result.chosen().node()[i]);
    }

    /** Whether the chosen node generalises the quasi-identifier {@code name} above its level as collected. */
    boolean generalises(String name) {
        int i = quasi.indexOf(name);
        return i >= 0 && result.chosen().node()[i] > 0;
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

    /**
     * The row as released: its quasi-identifiers at the chosen levels; its language the languages of every released
     * interview at its site (a function of the site column, so it never splits a group), or {@code *} when the site
     * is generalised (a language spoken at one site only, Lahu at Sannimit, would name the site); its respondent
     * code through {@code respondent} (pseudonyms in place of stable codes that would show a generalised site).
     */
    ExportRow apply(ExportRow row, UnaryOperator<String> respondent) {
        int[] node = result.chosen().node();
        String[] values = GroupTable.split(group(row.group()), quasi.size());
        String site = row.site();
        String category = row.category();
        String finalised = row.finalised();
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
            } else if (ExportLayout.FINALISED.equals(name)) {
                finalised = values[i];
            }
            if (answers.containsKey(name)) {
                answers.put(name, values[i]);
            }
        }
        String language = generalises(Anonymisation.SITE) ? Hierarchy.ANY : languages.getOrDefault(site, "");
        return new ExportRow(row.interview(), respondent.apply(row.respondent()), site, category, row.form(),
                row.formVersion(), language, finalised, group(row.group()), answers, row.missing(), row.parts());
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
