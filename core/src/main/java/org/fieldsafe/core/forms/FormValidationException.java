package org.fieldsafe.core.forms;

import java.util.List;
import java.util.stream.Collectors;

/** A study folder or form file is invalid; the message lists every problem, one per line. */
public class FormValidationException extends Exception {
    private final List<FormProblem> problems;

    public FormValidationException(List<FormProblem> problems) {
        super(problems.stream().map(FormProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<FormProblem> problems() {
        return problems;
    }
}
