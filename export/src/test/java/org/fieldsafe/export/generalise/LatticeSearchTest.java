package org.fieldsafe.export.generalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.fieldsafe.core.forms.Generalisation.Level;
import org.junit.jupiter.api.Test;

class LatticeSearchTest {
    private static final Map<String, String> COUNTRY = Map.of("BD-DHK", "BD", "IN-BHD", "IN", "NP-KAN", "NP",
            "NP-RAP", "NP", "KH-SVR", "KH", "TH-CNX", "TH", "TH-SAN", "TH");
    private static final Map<String, String> REGION = Map.of("BD", "South Asia", "IN", "South Asia", "NP",
            "South Asia", "KH", "South-East Asia", "TH", "South-East Asia");
    private static final List<Integer> BANDS = List.of(18, 25, 35, 50, 65);
    private static final List<String> SITES = List.copyOf(new java.util.TreeSet<>(COUNTRY.keySet()));
    private static final List<String> AGES = List.of("<18", "18-24", "25-34", "35-49", "50-64", "65+", "");
    private static final List<String> GENDERS = List.of("female", "male", "other", "");
    private static final List<String> MONTHS = List.of("2017-12", "2018-01", "2018-02", "2018-04");

    private static Hierarchy site(int height) {
        List<Level> all = List.of(Level.of("country"), Level.of("region"), Level.of("any"));
        return new Hierarchy("site", Hierarchy.Kind.SITE, all.subList(0, height), COUNTRY, REGION, BANDS);
    }

    private static Hierarchy age(int height) {
        List<Level> all = List.of(new Level("bands", List.of(18, 35, 65)), new Level("bands", List.of(35)),
                Level.of("any"));
        return new Hierarchy("age", Hierarchy.Kind.BAND, all.subList(0, height), COUNTRY, REGION, BANDS);
    }

    private static Hierarchy gender(int height) {
        return new Hierarchy("gender", Hierarchy.Kind.CHOICE, height == 0 ? List.of() : List.of(Level.of("any")),
                COUNTRY, REGION, BANDS);
    }

    private static Hierarchy date(int height) {
        List<Level> all = List.of(Level.of("quarter"), Level.of("year"), Level.of("any"));
        return new Hierarchy("date", Hierarchy.Kind.DATE, all.subList(0, height), COUNTRY, REGION, BANDS);
    }

    /** Brute force: every node checked; the best feasible one by the same preference, else the top. */
    private static int[] bruteForce(GroupTable table, List<Hierarchy> hierarchies, Criteria criteria) {
        Lattice lattice = new Lattice(hierarchies.stream().mapToInt(Hierarchy::height).toArray());
        int[] best = null;
        for (int[] node : lattice.nodes()) {
            Evaluation e = Evaluation.of(table, hierarchies, criteria, node);
            if (criteria.withinLimit(e.suppressed(), e.total())
                    && (best == null || lattice.preference().compare(node, best) < 0)) {
                best = node;
            }
        }
        return best == null ? lattice.top() : best;
    }

    private static GroupTable randomTable(Random random, int rows, boolean sensitive) {
        Map<String, Long> counts = new HashMap<>();
        Map<String, Set<String>> values = new HashMap<>();
        for (int i = 0; i < rows; i++) {
            String key = GroupTable.join(new String[] {SITES.get(random.nextInt(SITES.size())),
                AGES.get(random.nextInt(AGES.size())), GENDERS.get(random.nextInt(GENDERS.size())),
                MONTHS.get(random.nextInt(MONTHS.size()))});
            counts.merge(key, 1L, Long::sum);
            if (sensitive) {
                values.computeIfAbsent(key, k -> new HashSet<>()).add("v" + random.nextInt(3));
            }
        }
        return new GroupTable(4, counts, values);
    }

    @Test
    void search_randomSmallLattices_equalsBruteForce() {
        Random random = new Random(13);
        int pruned = 0;
        for (int round = 0; round < 300; round++) {
            List<Hierarchy> h = List.of(site(random.nextInt(4)), age(random.nextInt(4)), gender(random.nextInt(2)),
                    date(random.nextInt(4)));
            boolean l = random.nextBoolean();
            GroupTable table = randomTable(random, 20 + random.nextInt(300), l);
            Criteria criteria = new Criteria(2 + random.nextInt(6), l ? 2 : 0, random.nextInt(4) * 5);
            LatticeSearch search = new LatticeSearch(table, h, criteria);
            LatticeSearch.Result result = search.search();
            int[] expected = bruteForce(table, h, criteria);
            assertThat(result.chosen().node()).as("round %d, lattice %s", round, search.lattice())
                    .containsExactly(expected);
            Evaluation truth = Evaluation.of(table, h, criteria, expected);
            assertThat(result.chosen().suppressed()).isEqualTo(truth.suppressed());
            assertThat(result.limitMet()).isEqualTo(criteria.withinLimit(truth.suppressed(), truth.total()));
            if (result.evaluated() - 1 < result.nodes()) {
                pruned++;
            }
        }
        // the point of the search: on most lattices it checks fewer nodes than there are
        assertThat(pruned).isGreaterThan(150);
    }

    @Test
    void search_feasibleAsCollected_keepsEverything() {
        Map<String, Long> counts = Map.of(GroupTable.join(new String[] {"KH-SVR", "25-34", "female", "2018-01"}), 6L,
                GroupTable.join(new String[] {"TH-CNX", "35-49", "male", "2018-01"}), 5L);
        GroupTable table = new GroupTable(4, counts, Map.of());
        LatticeSearch.Result r = new LatticeSearch(table, List.of(site(3), age(3), gender(1), date(3)),
                new Criteria(5, 0, 0)).search();
        assertThat(r.chosen().node()).containsExactly(0, 0, 0, 0);
        assertThat(r.loss()).isZero();
        assertThat(r.chosen().suppressed()).isZero();
    }

    @Test
    void search_twoSitesOfOneCountry_mergedToCountryNotFurther() {
        Map<String, Long> counts = Map.of(GroupTable.join(new String[] {"NP-KAN", "25-34", "female", "2018-01"}), 3L,
                GroupTable.join(new String[] {"NP-RAP", "25-34", "female", "2018-01"}), 3L);
        LatticeSearch.Result r = new LatticeSearch(new GroupTable(4, counts, Map.of()),
                List.of(site(3), age(3), gender(1), date(3)), new Criteria(5, 0, 0)).search();
        assertThat(r.chosen().node()).containsExactly(1, 0, 0, 0);
        assertThat(r.chosen().groups()).containsOnlyKeys(GroupTable.join(new String[] {"NP", "25-34", "female",
            "2018-01"}));
    }

    @Test
    void search_limitCannotBeMet_usesTopAndSaysSo() {
        Map<String, Long> counts = Map.of(GroupTable.join(new String[] {"NP-KAN", "25-34"}), 2L);
        LatticeSearch.Result r = new LatticeSearch(new GroupTable(2, counts, Map.of()), List.of(site(3), age(1)),
                new Criteria(5, 0, 5)).search();
        assertThat(r.limitMet()).isFalse();
        assertThat(r.chosen().node()).containsExactly(3, 1);
        assertThat(r.chosen().suppressed()).isEqualTo(2);
    }

    @Test
    void search_lDiversity_generalisesUntilGroupsShowLValues() {
        Map<String, Long> counts = new HashMap<>();
        Map<String, Set<String>> values = new HashMap<>();
        String a = GroupTable.join(new String[] {"KH-SVR", "25-34"});
        String b = GroupTable.join(new String[] {"TH-CNX", "25-34"});
        counts.put(a, 5L);
        counts.put(b, 5L);
        values.put(a, Set.of("yes"));
        values.put(b, Set.of("no"));
        GroupTable table = new GroupTable(2, counts, values);
        assertThat(new LatticeSearch(table, List.of(site(3), age(1)), new Criteria(5, 0, 0)).search().chosen().node())
                .containsExactly(0, 0);
        LatticeSearch.Result r = new LatticeSearch(table, List.of(site(3), age(1)), new Criteria(5, 2, 0)).search();
        assertThat(r.chosen().node()).containsExactly(2, 0);
        assertThat(r.chosen().suppressed()).isZero();
    }

    @Test
    void hierarchy_levels_generaliseAsDeclared() {
        assertThat(site(3).generalise("TH-SAN", 1)).isEqualTo("TH");
        assertThat(site(3).generalise("TH-SAN", 2)).isEqualTo("South-East Asia");
        assertThat(site(3).generalise("TH-SAN", 3)).isEqualTo(Hierarchy.ANY);
        assertThat(age(3).generalise("25-34", 1)).isEqualTo("18-34");
        assertThat(age(3).generalise("<18", 1)).isEqualTo("<18");
        assertThat(age(3).generalise("65+", 1)).isEqualTo("65+");
        assertThat(age(3).generalise("50-64", 2)).isEqualTo("35+");
        assertThat(age(3).generalise("", 2)).isEmpty();
        assertThat(age(3).generalise("", 3)).isEqualTo(Hierarchy.ANY);
        assertThat(date(3).generalise("2018-05", 1)).isEqualTo("2018-Q2");
        assertThat(date(3).generalise("2018-05", 2)).isEqualTo("2018");
        assertThat(new Lattice(new int[] {3, 0, 1}).loss(new int[] {3, 0, 0})).isEqualTo(0.5);
        assertThat(Arrays.stream(new Lattice(new int[] {1, 2}).nodes().get(0)).sum()).isZero();
    }

    @Test
    void hierarchy_levelThatDoesNotFit_refused() {
        assertThatThrownBy(() -> new Hierarchy("gender", Hierarchy.Kind.CHOICE, List.of(Level.of("country")),
                COUNTRY, REGION, BANDS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'country'");
        assertThatThrownBy(() -> new Hierarchy("site", Hierarchy.Kind.SITE, List.of(Level.of("region")),
                COUNTRY, Map.of("BD", "South Asia"), BANDS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("regions do not name");
    }
}
