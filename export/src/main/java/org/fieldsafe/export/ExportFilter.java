package org.fieldsafe.export;

import java.time.Instant;
import java.util.Set;

/**
 * Which interviews an export covers. A null or empty set means every site / form; a null instant means no
 * bound. {@code from} is inclusive, {@code to} exclusive, both compared with the header's {@code finalisedAt}.
 */
public record ExportFilter(Set<String> sites, Set<String> formIds, Instant from, Instant to) {

    public ExportFilter {
        sites = sites == null ? Set.of() : Set.copyOf(sites);
        formIds = formIds == null ? Set.of() : Set.copyOf(formIds);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("the date range is empty: from must be before to");
        }
    }

    /** No filter: every interview. */
    public static ExportFilter all() {
        return new ExportFilter(Set.of(), Set.of(), null, null);
    }
}
