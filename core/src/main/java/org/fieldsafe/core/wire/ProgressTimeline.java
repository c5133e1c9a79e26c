package org.fieldsafe.core.wire;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/studies/{study}/progress/timeline}: interviews received per site in each day or week (UTC; a
 * week starts on Monday) from the first bucket with an interview to the last, every bucket listed (0 where nothing
 * came). Counts only, from header data: no respondent code, no answer.
 */
public record ProgressTimeline(String study, String bucket, List<String> sites, List<Bucket> buckets) {

    /** One day or week: {@code start} is its first day ({@code yyyy-mm-dd}); {@code received} per site id. */
    public record Bucket(String start, Map<String, Integer> received) {
    }
}
