package org.fieldsafe.server.export;

import java.util.Set;

/**
 * What to export: the study, the data formats (at least one; codebook and manifest are always written), the
 * language of the codebook's texts (English fallback, marked), the filter, and whether respondent codes stay as
 * they are ({@code stableCodes}: a principal investigator's explicit choice, audited by the caller) instead of
 * per-export pseudonyms.
 */
public record ExportRequest(String studyId, Set<ExportFormat> formats, String language, ExportFilter filter,
                            boolean stableCodes) {

    public ExportRequest {
        if (studyId == null || studyId.isBlank()) {
            throw new IllegalArgumentException("an export needs a study");
        }
        if (formats == null || formats.isEmpty()) {
            throw new IllegalArgumentException("an export needs at least one format (wide, long or jsonl)");
        }
        formats = Set.copyOf(formats);
        filter = filter == null ? ExportFilter.all() : filter;
    }
}
