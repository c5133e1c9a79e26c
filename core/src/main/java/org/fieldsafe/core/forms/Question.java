package org.fieldsafe.core.forms;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A question of a form. Texts map a language code to text; {@code hint}, {@code relevant}, {@code constraint},
 * {@code constraintMessage} and {@code disclosure} are {@code null} when absent; lists are never null.
 */
public record Question(String id, QuestionType type, Map<String, String> label, Map<String, String> hint,
                       boolean required, Sensitivity sensitivity, String relevant, String constraint,
                       Map<String, String> constraintMessage, List<Choice> choices, List<Probe> probes,
                       DisclosureRule disclosure) {

    public Question {
        choices = choices == null ? List.of() : List.copyOf(choices);
        probes = probes == null ? List.of() : List.copyOf(probes);
        sensitivity = sensitivity == null ? Sensitivity.NONE : sensitivity;
    }

    public Optional<Choice> choice(String choiceId) {
        return choices.stream().filter(c -> c.id().equals(choiceId)).findFirst();
    }
}
