package org.fieldsafe.export;

import java.util.List;
import java.util.Set;

/**
 * Why an exported question has no answer in a row, written in the wide files in place of the answer (the codes are
 * Stata's extended missing values; the syntax files declare them missing for Stata, SPSS and R; an empty answer is an
 * empty cell). Quasi-identifier
 * columns carry no code: telling the reasons apart there would split the k-anonymity groups.
 */
enum MissingCode {
    NOT_ASKED(".a", "not asked (skip logic, a question of another form version, or the interview ended before it)"),
    SKIPPED(".b", "skipped (asked, and the respondent or the enumerator went on without an answer)"),
    REFUSED(".c", "refused (the respondent chose not to answer: a choice 'refused', 'no_answer' or"
            + " 'prefer_not_to_say')"),
    EMPTY("", "empty (an empty text or no choice given): an empty cell");

    /** Choice ids that mean the respondent declined to answer. */
    static final Set<String> REFUSAL_CHOICES = Set.of("refused", "no_answer", "prefer_not_to_say");

    private final String code;
    private final String meaning;

    MissingCode(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    String code() {
        return code;
    }

    String meaning() {
        return meaning;
    }

    /** The codes written in place of an answer (empty answers stay empty cells). */
    static List<String> codes() {
        return java.util.Arrays.stream(values()).map(MissingCode::code).filter(c -> !c.isEmpty()).toList();
    }

    static MissingCode ofCode(String code) {
        for (MissingCode m : values()) {
            if (m.code.equals(code)) {
                return m;
            }
        }
        return null;
    }
}
