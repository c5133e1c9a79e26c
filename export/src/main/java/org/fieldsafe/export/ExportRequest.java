package org.fieldsafe.export;

import java.util.Set;

/**
 * What to export: the study, the data formats (at least one; codebook and manifest are always written), the
 * language of the codebook's texts (English fallback, marked), the filter, and whether respondent codes stay as
 * they are ({@code stableCodes}: a principal investigator's explicit choice, audited by the caller) instead of
 * per-export pseudonyms. {@code k}: a stricter k than the study's a data manager asks for (0: the study's); never a
 * looser one (the engine refuses it). {@code audio}: the recordings go into the QDPX file under a principal
 * investigator's grant, which the caller checked (null: no audio; only with the QDPX format).
 */
public record ExportRequest(String studyId, Set<ExportFormat> formats, String language, ExportFilter filter,
                            boolean stableCodes, int k, Audio audio) {

    /** Without audio. */
    public ExportRequest(String studyId, Set<ExportFormat> formats, String language, ExportFilter filter,
                         boolean stableCodes, int k) {
        this(studyId, formats, language, filter, stableCodes, k, null);
    }

    /** With the study's k. */
    public ExportRequest(String studyId, Set<ExportFormat> formats, String language, ExportFilter filter,
                         boolean stableCodes) {
        this(studyId, formats, language, filter, stableCodes, 0);
    }

    public ExportRequest {
        if (studyId == null || studyId.isBlank()) {
            throw new IllegalArgumentException("an export needs a study");
        }
        if (formats == null || formats.isEmpty()) {
            throw new IllegalArgumentException("an export needs at least one format (wide, long or jsonl)");
        }
        formats = Set.copyOf(formats);
        filter = filter == null ? ExportFilter.all() : filter;
        if (audio != null && !formats.contains(ExportFormat.QDPX)) {
            throw new IllegalArgumentException("audio is exported in QDPX only: ask for the qdpx format");
        }
    }

    /** The grant audio is exported under: its id and the granting principal investigator's user id (no names). */
    public record Audio(String grantId, String grantedBy) {
    }
}
