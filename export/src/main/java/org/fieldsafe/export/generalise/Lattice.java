package org.fieldsafe.export.generalise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The full-domain generalisation lattice: a node gives one level to each quasi-identifier (0 up to its hierarchy's
 * height); a node's successors raise one quasi-identifier by one level.
 */
public record Lattice(int[] heights) {
    /** Orders nodes by the sum of their levels, then lexicographically. */
    public static final Comparator<int[]> BY_HEIGHT = Comparator.<int[]>comparingInt(Lattice::sum)
            .thenComparing(Arrays::compare);

    public Lattice {
        heights = heights.clone();
    }

    /** Every node, lowest first ({@link #BY_HEIGHT}). */
    public List<int[]> nodes() {
        List<int[]> out = new ArrayList<>();
        collect(new int[heights.length], 0, out);
        out.sort(BY_HEIGHT);
        return out;
    }

    private void collect(int[] node, int i, List<int[]> out) {
        if (i == heights.length) {
            out.add(node.clone());
            return;
        }
        for (int level = 0; level <= heights[i]; level++) {
            node[i] = level;
            collect(node, i + 1, out);
        }
    }

    /** The nodes one level above {@code node} in one quasi-identifier. */
    public List<int[]> successors(int[] node) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < node.length; i++) {
            if (node[i] < heights[i]) {
                int[] s = node.clone();
                s[i]++;
                out.add(s);
            }
        }
        return out;
    }

    /** The most generalised node. */
    public int[] top() {
        return heights.clone();
    }

    /** Whether {@code a} is at least as generalised as {@code b} in every quasi-identifier. */
    public static boolean covers(int[] a, int[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] < b[i]) {
                return false;
            }
        }
        return true;
    }

    static int sum(int[] node) {
        int s = 0;
        for (int v : node) {
            s += v;
        }
        return s;
    }

    /**
     * Information loss of a node (Sweeney's precision metric): the mean, over the quasi-identifiers that can be
     * generalised, of the share of its hierarchy climbed; 0 as collected, 1 when everything is {@code *}. It never
     * falls from a node to its successors.
     */
    public double loss(int[] node) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < node.length; i++) {
            if (heights[i] > 0) {
                sum += (double) node[i] / heights[i];
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** The better of two nodes: lower loss, then lower sum of levels, then lexicographically first. */
    public Comparator<int[]> preference() {
        return Comparator.<int[]>comparingDouble(this::loss).thenComparing(BY_HEIGHT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lattice l && Arrays.equals(heights, l.heights);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(heights);
    }

    @Override
    public String toString() {
        return "Lattice" + Arrays.toString(heights);
    }
}
