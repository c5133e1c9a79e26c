package org.fieldsafe.core.forms;

import java.util.List;
import java.util.Optional;

/** A study with its forms, translations merged. */
public record StudyBundle(Study study, List<FormDefinition> forms) {

    public StudyBundle {
        forms = List.copyOf(forms);
    }

    public Optional<FormDefinition> form(String formId) {
        return forms.stream().filter(f -> f.id().equals(formId)).findFirst();
    }
}
