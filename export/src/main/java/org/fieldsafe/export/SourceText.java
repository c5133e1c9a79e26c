package org.fieldsafe.export;

/**
 * One text an export writes as a QDPX text source: a respondent's answers by question heading ({@link #ANSWERS},
 * version 0) or a transcript or translation of the interview (kind, language and version as sealed). Held in memory
 * only while written to or read from the spool.
 */
record SourceText(String kind, String language, int version, String text) {
    static final String ANSWERS = "answers";
    static final String TRANSCRIPT = "transcript";
    static final String TRANSLATION = "translation";
}
