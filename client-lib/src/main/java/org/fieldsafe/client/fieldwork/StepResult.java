package org.fieldsafe.client.fieldwork;

import java.util.List;

/**
 * What a step of an interview did: the problems that refused it (nothing was saved then), the disclosures it
 * raised (a form rule fired on the answer, or one raised by hand), and the screen now.
 */
public record StepResult(boolean ok, List<Problem> problems, List<DisclosureFlow.Raised> disclosed, Screen screen) {

    /**
     * Why a step was refused, on {@code field} (a question id, or a field of the referral flow): an answer missing,
     * one failing the form's constraint, one not valid for the question, or a step not possible now; the message in
     * {@code lang} (the interview language, or English where no translation exists).
     */
    public record Problem(String field, Kind kind, String message, String lang) {
    }

    /** The kinds of problem. */
    public enum Kind { REQUIRED, CONSTRAINT, INVALID, STEP }
}
