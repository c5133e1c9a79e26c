package org.fieldsafe.export.generalise;

/**
 * What a released group must meet: at least {@code k} members and, when {@code l} is above 0, at least {@code l}
 * distinct values of the sensitive attribute; and how many respondents (percent of all) may be suppressed.
 */
public record Criteria(int k, int l, int maxSuppressedPercent) {
    public Criteria {
        if (k < 1 || l < 0 || maxSuppressedPercent < 0 || maxSuppressedPercent > 100) {
            throw new IllegalArgumentException("k must be at least 1, l at least 0, the limit 0-100 percent");
        }
    }

    /** Whether a group of {@code size} members with {@code distinct} sensitive values may be released. */
    public boolean releases(long size, int distinct) {
        return size >= k && (l == 0 || distinct >= l);
    }

    /** Whether suppressing {@code suppressed} of {@code total} respondents stays within the limit. */
    public boolean withinLimit(long suppressed, long total) {
        return suppressed * 100 <= (long) maxSuppressedPercent * total;
    }
}
