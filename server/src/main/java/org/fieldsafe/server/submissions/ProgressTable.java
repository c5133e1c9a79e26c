package org.fieldsafe.server.submissions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fieldsafe.core.forms.Category;
import org.fieldsafe.core.forms.Site;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.forms.Target;
import org.fieldsafe.core.wire.Progress;

/**
 * Interviews received per site x category against the study's sample targets. Every site x category of the study
 * gets a row (received 0 when nothing came); a target shared by several sites is shown on each of their rows with
 * {@code targetGroup} naming them, and counted once in the total target. Repeats of respondent codes already
 * received ({@link DuplicateCodes}) are left out of {@code received} and their codes counted in {@code duplicates}.
 */
final class ProgressTable {
    private ProgressTable() {
    }

    static Progress compute(Study study, List<SubmissionDao.Count> counts) {
        return compute(study, counts, new DuplicateCodes());
    }

    static Progress compute(Study study, List<SubmissionDao.Count> stored, DuplicateCodes duplicates) {
        return compute(study, stored, duplicates, List.of());
    }

    /** {@code importedCounts}: the stored submissions imported from an earlier wave's export, per site x category. */
    static Progress compute(Study study, List<SubmissionDao.Count> stored, DuplicateCodes duplicates,
                            List<SubmissionDao.Count> importedCounts) {
        Map<String, Integer> imported = new HashMap<>();
        importedCounts.forEach(c -> imported.merge(key(c.site(), c.category()), c.received(), Integer::sum));
        Map<String, DuplicateCodes.Cell> cells = duplicates.cells();
        List<SubmissionDao.Count> counts = stored.stream().map(c -> new SubmissionDao.Count(c.site(), c.category(),
                c.received() - cell(cells, key(c.site(), c.category())).repeats())).toList();
        Map<String, Integer> received = new HashMap<>();
        counts.forEach(c -> received.merge(key(c.site(), c.category()), c.received(), Integer::sum));
        Set<String> shown = new LinkedHashSet<>();
        List<Progress.Row> rows = new ArrayList<>();
        for (Site site : study.sites()) {
            Optional<Target> target = study.targets().stream().filter(t -> t.sites().contains(site.id())).findFirst();
            for (Category category : study.categories()) {
                String key = key(site.id(), category.id());
                shown.add(key);
                rows.add(new Progress.Row(site.id(), category.id(), received.getOrDefault(key, 0),
                        target.map(t -> t.counts().getOrDefault(category.id(), 0)).orElse(0),
                        target.filter(t -> t.sites().size() > 1).map(t -> List.copyOf(t.sites())).orElse(List.of()),
                        cell(cells, key).codes(), imported.getOrDefault(key, 0)));
            }
        }
        for (SubmissionDao.Count count : counts) {
            if (shown.add(key(count.site(), count.category()))) {
                rows.add(new Progress.Row(count.site(), count.category(), count.received(), 0, List.of(),
                        cell(cells, key(count.site(), count.category())).codes(),
                        imported.getOrDefault(key(count.site(), count.category()), 0)));
            }
        }
        int totalReceived = counts.stream().mapToInt(SubmissionDao.Count::received).sum();
        int totalTarget = study.targets().stream()
                .mapToInt(t -> t.counts().values().stream().mapToInt(Integer::intValue).sum())
                .sum();
        return new Progress(study.id(), rows, totalReceived, totalTarget, duplicates.total(),
                imported.values().stream().mapToInt(Integer::intValue).sum());
    }

    private static DuplicateCodes.Cell cell(Map<String, DuplicateCodes.Cell> cells, String key) {
        return cells.getOrDefault(key, new DuplicateCodes.Cell(0, 0));
    }

    static String key(String site, String category) {
        return site + "\u0000" + category;
    }
}
