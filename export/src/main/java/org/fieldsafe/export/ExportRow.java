package org.fieldsafe.export;

import java.util.List;
import java.util.Map;

/**
 * One respondent of one interview, anonymised: pseudonyms, generalised values only. {@code answers} maps a
 * question id to a text or, for select_multiple, a list of choice ids. {@code group} is the key of the row's
 * quasi-identifier group; {@code missing} maps an exported question without an answer to its {@link MissingCode}'s
 * code; {@code parts} are the interview's opened transcripts and translations (only when a QDPX export asks for them; every
 * respondent row of a joint interview carries them). Held in memory only while written to or read from the spool.
 */
record ExportRow(String interview, String respondent, String site, String category, String form, int formVersion,
                 String language, String finalised, String group, Map<String, Object> answers,
                 Map<String, String> missing, List<SourceText> parts) {

    ExportRow {
        parts = parts == null ? List.of() : parts;
    }

    /** A row without transcripts or translations. */
    ExportRow(String interview, String respondent, String site, String category, String form, int formVersion,
              String language, String finalised, String group, Map<String, Object> answers,
              Map<String, String> missing) {
        this(interview, respondent, site, category, form, formVersion, language, finalised, group, answers, missing,
                List.of());
    }

    /** This row with the interview's transcripts and translations. */
    ExportRow withParts(List<SourceText> texts) {
        return new ExportRow(interview, respondent, site, category, form, formVersion, language, finalised, group,
                answers, missing, texts);
    }

    /** A row without missing-value codes. */
    ExportRow(String interview, String respondent, String site, String category, String form, int formVersion,
              String language, String finalised, String group, Map<String, Object> answers) {
        this(interview, respondent, site, category, form, formVersion, language, finalised, group, answers, Map.of());
    }
}
