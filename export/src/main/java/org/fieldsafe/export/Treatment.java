package org.fieldsafe.export;

import org.fieldsafe.core.forms.Anonymisation;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.QuestionType;
import org.fieldsafe.core.forms.Sensitivity;

/** How the export treats a question's answers; the codebook says it in words. */
enum Treatment {
    AS_IS("as answered"),
    BAND("as its age band"),
    DATE("generalised to the month (or year) only"),
    SPLIT("one 0/1 column per choice"),
    RECORDED("'recorded' when a recording exists; the recording itself is not exported"),
    LEFT_OUT_DIRECT("left out: direct identifier"),
    LEFT_OUT_QUASI("left out: a quasi-identifier that cannot be generalised"),
    NOTE("no answer (a note)");

    private final String description;

    Treatment(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    boolean exported() {
        return this != LEFT_OUT_DIRECT && this != LEFT_OUT_QUASI && this != NOTE;
    }

    /** The treatment of one version of a question. */
    static Treatment of(Question q, Anonymisation a) {
        if (q.type() == QuestionType.NOTE) {
            return NOTE;
        }
        if (q.sensitivity() == Sensitivity.DIRECT_IDENTIFIER) {
            return LEFT_OUT_DIRECT;
        }
        if (q.type() == QuestionType.DATE) {
            return DATE;
        }
        if (q.sensitivity() == Sensitivity.QUASI_IDENTIFIER) {
            return switch (q.type()) {
                case INTEGER -> a.ageBands().isEmpty() ? LEFT_OUT_QUASI : BAND;
                case SELECT_ONE -> AS_IS;
                case SELECT_MULTIPLE -> SPLIT;
                default -> LEFT_OUT_QUASI;
            };
        }
        return switch (q.type()) {
            case SELECT_MULTIPLE -> SPLIT;
            case AUDIO -> RECORDED;
            default -> AS_IS;
        };
    }

    /** The stricter of two treatments of versions of the same question (leaving out wins). */
    static Treatment stricter(Treatment a, Treatment b) {
        if (a == null) {
            return b;
        }
        if (!a.exported() || !b.exported()) {
            return !a.exported() ? a : b;
        }
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
