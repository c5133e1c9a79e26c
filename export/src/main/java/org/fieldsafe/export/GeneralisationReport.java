package org.fieldsafe.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fieldsafe.core.forms.Generalisation;
import org.fieldsafe.export.generalise.LatticeSearch;

/** The manifest's {@code generalisation}: the levels chosen and the suppression, as data and in words. */
final class GeneralisationReport {
    private GeneralisationReport() {
    }

    static ExportManifest.Generalised of(Release release, int kStudy, Generalisation.LDiversity l) {
        LatticeSearch.Result r = release.result();
        int k = release.criteria().k();
        int max = release.criteria().maxSuppressedPercent();
        Map<String, String> levels = release.levels();
        Map<String, Map<String, Long>> byCategory = release.suppressedByCategory();
        long total = r.chosen().total();
        long suppressed = r.chosen().suppressed();
        double loss = Math.round(r.loss() * 1000) / 1000.0;
        List<String> summary = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        levels.forEach((qi, level) -> parts.add(qi + " " + level));
        summary.add("Quasi-identifiers generalised to: " + String.join(", ", parts) + " (information loss "
                + String.format(Locale.ROOT, "%.3f", loss) + " on a scale from 0, as collected, to 1, all '*'; "
                + r.evaluated() + " check(s) of the data over " + r.nodes() + " possible generalisations).");
        summary.add("k = " + k + (k > kStudy ? " (stricter than the study's " + kStudy + ", as asked)"
                : " (the study's)") + (l == null ? "" : ", l = " + l.l() + " distinct values of '" + l.attribute()
                + "' in every released group") + "; at most " + max + "% of the respondents may be suppressed.");
        if (total == 0) {
            summary.add("No respondent to generalise.");
        } else if (r.limitMet()) {
            summary.add(suppressed + " of " + total + " respondent(s) suppressed (" + percent(suppressed, total)
                    + "), within the limit.");
        } else {
            summary.add("No generalisation the study allows keeps suppression within " + max + "%: the widest was"
                    + " used, and " + suppressed + " of " + total + " respondent(s) were suppressed ("
                    + percent(suppressed, total) + ").");
        }
        byCategory.forEach((category, why) -> why.forEach((reason, n) -> summary.add(n + " respondent(s) of "
                + ("all categories".equals(category) ? "all categories" : "category " + category)
                + " suppressed: their groups had " + (reason.equals("fewer than k") ? "fewer than k = " + k
                + " members" : "fewer than l = " + (l == null ? 0 : l.l()) + " distinct values of '"
                + (l == null ? "" : l.attribute()) + "'") + " (the groups' other values are not named).")));
        return new ExportManifest.Generalised(kStudy, k, l == null ? null : l.attribute(), l == null ? 0 : l.l(), max,
                levels, loss, r.limitMet(), r.nodes(), r.evaluated(), byCategory, List.copyOf(summary));
    }

    private static String percent(long n, long total) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * n / total);
    }
}
