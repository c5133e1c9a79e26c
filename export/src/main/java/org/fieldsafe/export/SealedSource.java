package org.fieldsafe.export;

import java.io.IOException;

/**
 * The sealed submissions of a study, streamed: {@link #forEach} hands them over one at a time and never holds
 * them all in memory. The server implements it over its submission store (withdrawn respondents left out).
 */
public interface SealedSource {
    /** How many submissions {@link #forEach} will hand over (for progress); an estimate is acceptable. */
    long count() throws IOException;

    /** Hands every submission to {@code consumer}, in any order; may block while the consumer is busy. */
    void forEach(SealedConsumer consumer) throws IOException;

    /** How many submissions the source left out because their respondent withdrew (for the manifest). */
    default long withdrawn() {
        return 0;
    }

    /**
     * How many of the study's submissions (withdrawn ones aside) the source left out because they are outside the
     * export's filter (other site or form, outside the dates), when it applies the filter itself (for the manifest).
     */
    default long outsideFilter() {
        return 0;
    }

    /**
     * For a source that adds OpenRosa (ODK Collect) submissions: what it received, opened and left out, and what such
     * submissions lack (for the manifest, read once {@link #forEach} is done); null when it adds none.
     */
    default ExportManifest.OpenRosa openRosa() {
        return null;
    }

    /** The submissions' sealed recordings, for a QDPX export with audio; null when the source has none. */
    default SealedRecordings recordings() {
        return null;
    }
}
