package org.fieldsafe.export.generalise;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the full-domain generalisation of least information loss whose suppression stays within the limit, in the
 * manner of ARX's Flash: nodes are visited lowest first; from each untagged node a path climbs through untagged
 * successors to the top, and a binary search on that path checks as few nodes as it can. Feasibility is monotone
 * (a wider level only merges groups, so it never suppresses more), so a node found feasible tags every node above
 * it feasible and a node found infeasible tags every node below it infeasible, unchecked. Once every node is tagged,
 * the best feasible node ({@link Lattice#preference()}: least loss, then fewest levels) is chosen; when none is,
 * the top node (the widest generalisation the study allows), with the limit reported as not met.
 */
public final class LatticeSearch {
    private final GroupTable table;
    private final List<Hierarchy> hierarchies;
    private final Criteria criteria;
    private final Lattice lattice;
    private int evaluated;

    public LatticeSearch(GroupTable table, List<Hierarchy> hierarchies, Criteria criteria) {
        if (hierarchies.size() != table.width()) {
            throw new IllegalArgumentException("one hierarchy per quasi-identifier");
        }
        this.table = table;
        this.hierarchies = List.copyOf(hierarchies);
        this.criteria = criteria;
        this.lattice = new Lattice(hierarchies.stream().mapToInt(Hierarchy::height).toArray());
    }

    /** The chosen node, its evaluation and what the search did. */
    public record Result(Evaluation chosen, boolean limitMet, double loss, int nodes, int evaluated) {
    }

    public Lattice lattice() {
        return lattice;
    }

    /** Checks one node against the data (for the search, brute force in tests, and the chosen node). */
    public Evaluation evaluate(int[] node) {
        evaluated++;
        return Evaluation.of(table, hierarchies, criteria, node);
    }

    public boolean feasible(Evaluation e) {
        return criteria.withinLimit(e.suppressed(), e.total());
    }

    public Result search() {
        List<int[]> nodes = lattice.nodes();
        Map<String, Boolean> tags = new HashMap<>();
        for (int[] start : nodes) {
            if (tags.containsKey(key(start))) {
                continue;
            }
            List<int[]> path = path(start, tags);
            int lo = 0;
            int hi = path.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int[] node = path.get(mid);
                if (feasible(evaluate(node))) {
                    tag(nodes, tags, node, true);
                    hi = mid - 1;
                } else {
                    tag(nodes, tags, node, false);
                    lo = mid + 1;
                }
            }
        }
        int[] best = null;
        for (int[] node : nodes) {
            boolean feasible = Boolean.TRUE.equals(tags.get(key(node)));
            if (feasible && (best == null || lattice.preference().compare(node, best) < 0)) {
                best = node;
            }
        }
        boolean met = best != null;
        Evaluation chosen = evaluate(met ? best : lattice.top());
        return new Result(chosen, met, lattice.loss(chosen.node()), nodes.size(), evaluated);
    }

    /** From {@code start} up through untagged successors (lowest first) as far as they go. */
    private List<int[]> path(int[] start, Map<String, Boolean> tags) {
        List<int[]> path = new ArrayList<>();
        int[] node = start;
        while (node != null) {
            path.add(node);
            int[] next = null;
            for (int[] s : lattice.successors(node)) {
                if (!tags.containsKey(key(s)) && (next == null || Lattice.BY_HEIGHT.compare(s, next) < 0)) {
                    next = s;
                }
            }
            node = next;
        }
        return path;
    }

    /** Tags {@code node} and every node above it (feasible) or below it (infeasible). */
    private static void tag(List<int[]> nodes, Map<String, Boolean> tags, int[] node, boolean feasible) {
        for (int[] other : nodes) {
            if (feasible ? Lattice.covers(other, node) : Lattice.covers(node, other)) {
                tags.put(key(other), feasible);
            }
        }
    }

    static String key(int[] node) {
        return java.util.Arrays.toString(node);
    }
}
