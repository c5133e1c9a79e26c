package org.fieldsafe.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Says in words why an export left rows out (issue 11: an empty export with no hint looked like a bug): the filter
 * (naming it), withdrawals, unopenable submissions and k-anonymity suppression, or that the study has nothing yet.
 */
final class ExclusionReasons {
    private ExclusionReasons() {
    }

    static ExportManifest.Excluded of(ExportManifest.Counts counts, ExportManifest.Filter filter, long outsideFilter,
                                      int k, List<String> quasiIdentifiers, Map<Integer, Long> suppressionBySize) {
        long outside = outsideFilter + counts.filteredOut();
        long groups = suppressionBySize.entrySet().stream().mapToLong(e -> e.getValue() / Math.max(1, e.getKey()))
                .sum();
        List<String> reasons = new ArrayList<>();
        if (outside > 0) {
            reasons.add(outside + " interview(s) left out by the filter (" + describe(filter) + ").");
        }
        if (counts.withdrawn() > 0) {
            reasons.add(counts.withdrawn() + " interview(s) left out because a respondent withdrew (their sealed "
                    + "parts are shredded).");
        }
        if (counts.unopenable() > 0) {
            reasons.add(counts.unopenable() + " interview(s) could not be opened with the research key (altered, or "
                    + "sealed to another key); they are listed under 'unopenable'.");
        }
        if (counts.respondentsSuppressed() > 0) {
            reasons.add(counts.respondentsSuppressed() + " respondent(s) in " + groups + " group(s) smaller than k="
                    + k + " left out for k-anonymity (groups by " + String.join(", ", quasiIdentifiers)
                    + "; the groups are not named).");
        }
        if (counts.interviewsExported() == 0 && reasons.isEmpty()) {
            boolean filtered = !filter.sites().isEmpty() || !filter.formIds().isEmpty() || filter.from() != null
                    || filter.to() != null;
            // a source that applied the filter itself without counting what it left out (a pull for an offline
            // export) lands here too: then say that nothing matched, not that nothing arrived
            reasons.add(filtered ? "No interview matched the filter (" + describe(filter) + ")."
                    : "No interview of the study has been received yet.");
        }
        return new ExportManifest.Excluded(outside, counts.withdrawn(), counts.unopenable(),
                counts.respondentsSuppressed(), groups, List.copyOf(reasons));
    }

    private static String describe(ExportManifest.Filter f) {
        List<String> parts = new ArrayList<>();
        if (!f.sites().isEmpty()) {
            parts.add("site " + String.join(" or ", f.sites()) + " only");
        }
        if (!f.formIds().isEmpty()) {
            parts.add("form " + String.join(" or ", f.formIds()) + " only");
        }
        if (f.from() != null || f.to() != null) {
            parts.add("finalised" + (f.from() == null ? "" : " from " + f.from())
                    + (f.to() == null ? "" : " before " + f.to()));
        }
        return parts.isEmpty() ? "no filter named" : String.join("; ", parts);
    }
}
