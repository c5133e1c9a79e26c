package org.fieldsafe.client.interview;

import java.util.List;
import org.fieldsafe.core.forms.Question;

/**
 * The question to show next, with its texts in the interview language. {@code fellBack} is true when a text
 * of it is shown in the master language, and {@code fallbackWarning} then says so in words (null otherwise): a
 * device shows it with the question; {@code hint} may be null.
 */
public record Prompt(int respondent, String formId, Question question, String label, String hint,
                     List<Option> choices, List<Option> probes, boolean fellBack, String fallbackWarning) {

    /** A choice or a probe: its id and its text. */
    public record Option(String id, String text) {
    }

    public String questionId() {
        return question.id();
    }
}
