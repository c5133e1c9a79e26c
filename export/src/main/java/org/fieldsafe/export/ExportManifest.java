package org.fieldsafe.export;

import java.util.List;
import java.util.Map;

/**
 * What an export contains, written as {@code manifest.json} in every export.
 *
 * @param study        the study id and the SHA-256 of its definition
 * @param createdAt    when the export ran (ISO-8601, UTC)
 * @param language     the codebook's language
 * @param formats      the data formats written (wire names)
 * @param filter       the filter applied
 * @param settings     the anonymisation applied
 * @param forms        the form versions the exported interviews were collected with
 * @param counts       interviews and respondents read, exported, suppressed, unopenable, withdrawn
 * @param kRequired    the study's k
 * @param kAchieved    the smallest quasi-identifier group among the exported rows (0 when nothing exported)
 * @param suppression  suppressed respondents by the size of their group (group values are not listed: they
 *                     would publish exactly the small cells suppression hides)
 * @param unopenable   submissions whose research part did not open (tampered or wrong key), by id
 * @param files        SHA-256 (lower-case hex) and size of every file written besides the manifest
 * @param excluded     what was left out and why, as counts per reason and in words
 * @param generalisation the levels the export chose before suppressing, its information loss and the suppression
 *                     by category and reason, in words
 * @param imported     how many of the interviews read (inside the filter) were imported from an earlier wave's
 *                     export rather than sealed on a device, and what such submissions lack
 * @param openRosa     the ODK Collect (OpenRosa) submissions read, opened, left out and why, and what they lack (absent
 *                     when the study has none)
 * @param redactions   what the text scan replaced in the exported texts (absent when study.yaml has no
 *                     {@code redaction} block): per replacement its source, kind, offset and length - never the
 *                     original value
 * @param qdpx         what the QDPX file holds (absent when the export wrote none)
 */
public record ExportManifest(String study, String studySha256, String createdAt, String language,
                             List<String> formats, Filter filter, Settings settings, List<FormRef> forms,
                             Counts counts, int kRequired, int kAchieved, Map<Integer, Long> suppression,
                             List<Unopenable> unopenable, Map<String, FileEntry> files, Excluded excluded,
                             Generalised generalisation, Imported imported,
                             @com.fasterxml.jackson.annotation.JsonInclude(
                                     com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) OpenRosa openRosa,
                             @com.fasterxml.jackson.annotation.JsonInclude(
                                     com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                             Redactions redactions,
                             @com.fasterxml.jackson.annotation.JsonInclude(
                                     com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Qdpx qdpx) {

    /**
     * The text scan's replacements in the files as written: {@code replaced} placeholders written, {@code kept}
     * originals a data manager chose to keep (written as given, not listed), and each replacement written.
     */
    public record Redactions(long replaced, long kept, List<Replacement> replacements) {
    }

    /**
     * One placeholder in an exported text: its id (for the review), the interview and respondent pseudonyms, the
     * question (or text part), the kind ({@code place}, {@code organisation}, {@code phone}, {@code email}) and where
     * it stands in that answer's text: offset and length in Unicode code points.
     */
    public record Replacement(String id, String interview, String respondent, String question, String kind,
                              int offset, int length) {
    }

    /**
     * What a QDPX export holds: cases (one per released respondent), text sources of answers, transcripts and
     * translations, how many transcripts and translations did not open with the research key (left out), the codes
     * of the study's codebook, whether it holds audio and, when it does, the {@code recordings}.
     */
    public record Qdpx(long cases, long answerSources, long transcriptSources, long translationSources,
                       long textsUnopenable, int codes, String audio,
                       @com.fasterxml.jackson.annotation.JsonInclude(
                               com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Recordings recordings) {
        public static final String NO_AUDIO = "not exported: the export did not ask for audio under a principal "
                + "investigator's grant";
        public static final String AUDIO = "exported under a principal investigator's grant (recordings not "
                + "scanned for redaction: voices identify)";

        /** Without audio. */
        public Qdpx(long cases, long answerSources, long transcriptSources, long translationSources,
                    long textsUnopenable, int codes) {
            this(cases, answerSources, transcriptSources, translationSources, textsUnopenable, codes, NO_AUDIO, null);
        }
    }

    /**
     * The recordings of a QDPX export with audio: how many audio sources and their plaintext bytes, how many
     * recordings did not open with the research key (left out), the grant's id and the granting principal
     * investigator's user id.
     */
    public record Recordings(long count, long bytes, long unopenable, String grant, String grantedBy) {
    }

    /**
     * Interviews imported from an ODK Central or KoboToolbox export ({@code admin submissions import-odk}), marked in
     * their sealed header: counted among those read inside the filter, with what they lack in words.
     */
    public record Imported(long interviews, List<String> lacks) {
    }

    /**
     * OpenRosa (ODK Collect) submissions of the export: received (within the filter), incomplete (files missing),
     * opened with the ODK key and exported, left out because consent re-checked from the decrypted answers failed or
     * the respondent withdrew (found by the decrypted code's keyed hash),
     * unopenable (no ODK key unlocked, or altered), what each exported one lacks against a Fieldsafe envelope, and
     * all of it in words.
     */
    public record OpenRosa(long received, long incomplete, long opened, long excludedNoConsent, long withdrawn,
                           long unopenable,
                           List<String> lacks, String note) {
    }

    /**
     * The generalisation chosen by the lattice search (docs/export.md): the study's k and the k applied (a stricter
     * one when asked), l-diversity (attribute and l, or null), the suppression limit, each quasi-identifier's level,
     * the information loss (0 as collected, 1 all {@code *}), whether the limit was met, the lattice's size and the
     * nodes checked against the data, suppressed respondents by category and reason, and all of it in words.
     */
    public record Generalised(int kStudy, int kApplied, String lAttribute, int l, int maxSuppressedPercent,
                              Map<String, String> levels, double informationLoss, boolean limitMet, int latticeNodes,
                              int nodesChecked, Map<String, Map<String, Long>> suppressedByCategory,
                              List<String> summary) {
    }

    /**
     * Why rows are not in the export: interviews outside the filter (other site, form, or dates), withdrawn
     * (crypto-shredded), unopenable, and respondents suppressed for k-anonymity in groups smaller than k; and each
     * non-zero reason - or why an export is empty - as a sentence in {@code reasons}.
     */
    public record Excluded(long outsideFilter, long withdrawn, long unopenable, long respondentsSuppressed,
                           long suppressedGroups, List<String> reasons) {
    }

    /** The filter as applied: empty lists mean all; null bounds mean none. */
    public record Filter(List<String> sites, List<String> formIds, String from, String to) {
    }

    /**
     * Anonymisation settings: pseudonyms ({@code per-export}, {@code stable}, or per-export because stable codes
     * were withheld), the quasi-identifiers of the k-anonymity groups (the study's, the forms' unnamed ones, every
     * exported date question and {@code finalised}), the age bands, how dates are generalised, which questions were
     * left out, and how each released column that is no quasi-identifier but could tell a group apart follows
     * them ({@code derivedColumns}: column to the rule, in words).
     */
    public record Settings(String respondentCodes, List<String> quasiIdentifiers, List<String> ageBands,
                           String dates, List<String> leftOut, Map<String, String> derivedColumns) {
    }

    /** A form version by id, version and SHA-256 of its canonical JSON. */
    public record FormRef(String id, int version, String sha256) {
    }

    /**
     * Counts. {@code read}: submissions the source handed over; {@code filteredOut}: outside the filter;
     * {@code unopenable}: research part failed to open; {@code withdrawn}: left out by the server (from the
     * source); respondents exported and suppressed (k-anonymity), and interviews with at least one exported
     * respondent.
     */
    public record Counts(long read, long filteredOut, long unopenable, long withdrawn, long interviewsExported,
                         long respondentsExported, long respondentsSuppressed) {
    }

    /** A submission whose research part could not be opened. */
    public record Unopenable(String submissionId, String reason) {
    }

    /** A written file's SHA-256 (lower-case hex, of the bytes the engine wrote) and size in bytes. */
    public record FileEntry(String sha256, long bytes) {
    }
}
