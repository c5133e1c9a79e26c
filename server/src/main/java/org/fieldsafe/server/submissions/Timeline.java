package org.fieldsafe.server.submissions;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.fieldsafe.core.wire.ProgressTimeline;
import org.fieldsafe.server.problems.ProblemException;

/**
 * Counts of received interviews per site in day or week buckets (UTC; weeks start on Monday), every bucket from the
 * first to the last listed, each with every site (0 where nothing came).
 */
final class Timeline {
    private final boolean weeks;
    private final TreeMap<LocalDate, Map<String, Integer>> counts = new TreeMap<>();
    private final Set<String> seenSites = new LinkedHashSet<>();

    private Timeline(boolean weeks) {
        this.weeks = weeks;
    }

    /** {@code day} (the default when null) or {@code week}; anything else is 400. */
    static Timeline of(String bucket) {
        if (bucket == null || bucket.equals("day")) {
            return new Timeline(false);
        }
        if (bucket.equals("week")) {
            return new Timeline(true);
        }
        throw ProblemException.invalid("bucket-invalid", "Bucket not valid",
                "Field 'bucket' is not valid: it is day or week.");
    }

    void add(String site, Instant receivedAt) {
        counts.computeIfAbsent(start(receivedAt.atZone(ZoneOffset.UTC).toLocalDate()), d -> new TreeMap<>())
                .merge(site, 1, Integer::sum);
        seenSites.add(site);
    }

    private LocalDate start(LocalDate day) {
        return weeks ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day;
    }

    ProgressTimeline result(String study, List<String> studySites) {
        List<String> sites = new ArrayList<>(studySites);
        seenSites.stream().filter(s -> !sites.contains(s)).sorted().forEach(sites::add);
        List<ProgressTimeline.Bucket> buckets = new ArrayList<>();
        if (!counts.isEmpty()) {
            LocalDate last = counts.lastKey();
            for (LocalDate d = counts.firstKey(); !d.isAfter(last);
                 d = weeks ? d.plusWeeks(1) : d.plusDays(1)) {
                Map<String, Integer> got = counts.getOrDefault(d, Map.of());
                Map<String, Integer> row = new LinkedHashMap<>();
                sites.forEach(s -> row.put(s, got.getOrDefault(s, 0)));
                buckets.add(new ProgressTimeline.Bucket(d.toString(), row));
            }
        }
        return new ProgressTimeline(study, weeks ? "week" : "day", sites, buckets);
    }
}
