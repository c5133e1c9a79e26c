package org.fieldsafe.server.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldsafe.core.wire.OpenRosaProgress;
import org.fieldsafe.core.wire.Progress;

/**
 * Progress as a text table shaped like the reference study's sample table: one row per site, one
 * {@code received/target} column per category, a total per site and a totals row. Targets shared by several sites
 * are marked {@code *} and counted once in the totals. Respondent codes seen in more than one submission are
 * counted per site x category in a closing {@code !} line.
 */
final class ProgressTableView {
    private ProgressTableView() {
    }

    static String render(Progress progress) {
        Set<String> categories = new LinkedHashSet<>();
        Map<String, Map<String, Progress.Row>> bySite = new LinkedHashMap<>();
        for (Progress.Row row : progress.rows()) {
            categories.add(row.category());
            bySite.computeIfAbsent(row.site(), s -> new LinkedHashMap<>()).put(row.category(), row);
        }
        List<List<String>> lines = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("site"));
        header.addAll(categories);
        header.add("total");
        lines.add(header);
        Set<List<String>> sharedGroups = new LinkedHashSet<>();
        for (Map.Entry<String, Map<String, Progress.Row>> site : bySite.entrySet()) {
            List<String> line = new ArrayList<>(List.of(site.getKey()));
            int received = 0;
            int target = 0;
            boolean shared = false;
            for (String category : categories) {
                Progress.Row row = site.getValue().get(category);
                if (row == null) {
                    line.add("-");
                    continue;
                }
                boolean inGroup = row.targetGroup() != null && !row.targetGroup().isEmpty();
                if (inGroup) {
                    sharedGroups.add(row.targetGroup());
                }
                shared |= inGroup;
                received += row.received();
                target += row.target();
                line.add(cell(row.received(), row.target(), inGroup));
            }
            line.add(cell(received, target, shared));
            lines.add(line);
        }
        lines.add(totals(progress, categories));
        StringBuilder out = new StringBuilder("Progress of " + progress.study() + " (received/target)\n");
        out.append(format(lines));
        for (List<String> group : sharedGroups) {
            out.append("* one target shared by ").append(String.join(", ", group)).append('\n');
        }
        if (progress.duplicates() > 0) {
            out.append("! ").append(progress.duplicates()).append(" respondent code(s) came in more than one "
                    + "submission (counted once; see the audit log, submission.duplicate_code): ")
                    .append(cells(progress, Progress.Row::duplicates)).append('\n');
        }
        if (progress.imported() > 0) {
            out.append("i ").append(progress.imported()).append(" of the received were imported from an earlier "
                    + "wave's export (not sealed on a device, no device-side consent gate): ")
                    .append(cells(progress, Progress.Row::imported)).append('\n');
        }
        return out.toString();
    }

    /**
     * The study's ODK Collect (OpenRosa) submissions, which the table cannot place: how many, how many wait for files,
     * per site, and what they lack; nothing when there are none.
     */
    static String render(OpenRosaProgress odk) {
        if (odk.received() == 0) {
            return "";
        }
        List<String> sites = new ArrayList<>();
        odk.bySite().forEach((site, n) -> sites.add(site + ": " + n));
        return "o " + odk.received() + " received from ODK Collect over OpenRosa (" + odk.incomplete()
                + " still waiting for files), not in the table: their category and respondent are inside ODK's "
                + "encryption until an export opens them. Per site: " + String.join(", ", sites) + ". They lack: "
                + String.join(", ", odk.lacks()) + ".\n";
    }

    /** {@code site category: n} for each row whose count is not 0, comma-separated. */
    private static String cells(Progress progress, java.util.function.ToIntFunction<Progress.Row> count) {
        List<String> cells = new ArrayList<>();
        progress.rows().stream().filter(row -> count.applyAsInt(row) > 0)
                .forEach(row -> cells.add(row.site() + " " + row.category() + ": " + count.applyAsInt(row)));
        return String.join(", ", cells);
    }

    private static List<String> totals(Progress progress, Set<String> categories) {
        List<String> line = new ArrayList<>(List.of("total"));
        for (String category : categories) {
            int received = 0;
            int target = 0;
            Set<List<String>> counted = new HashSet<>();
            for (Progress.Row row : progress.rows()) {
                if (!row.category().equals(category)) {
                    continue;
                }
                received += row.received();
                boolean inGroup = row.targetGroup() != null && !row.targetGroup().isEmpty();
                if (!inGroup || counted.add(row.targetGroup())) {
                    target += row.target();
                }
            }
            line.add(received + "/" + target);
        }
        line.add(progress.received() + "/" + progress.target());
        return line;
    }

    private static String cell(int received, int target, boolean shared) {
        return received + "/" + target + (shared ? "*" : "");
    }

    private static String format(List<List<String>> lines) {
        int columns = lines.get(0).size();
        int[] widths = new int[columns];
        for (List<String> line : lines) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = line.get(i);
                text.append(i == 0 ? String.format("%-" + widths[i] + "s", cell)
                        : String.format("  %" + widths[i] + "s", cell));
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
