package org.fieldsafe.server.forms;

import java.util.List;
import org.fieldsafe.core.forms.FormProblem;
import org.fieldsafe.server.problems.ProblemListException;

/**
 * A form or study file failed validation (problem {@code form-invalid}); each message names the file, line and
 * field, and {@link #problems()} gives them one by one (the problem's {@code errors}).
 */
public class FormRejectedException extends ProblemListException {
    private static final long serialVersionUID = 1L;

    private final List<String> messages;

    public FormRejectedException(List<String> messages) {
        this(messages, List.of());
    }

    private FormRejectedException(List<String> messages, List<FormProblem> problems) {
        super("form-invalid", String.join("\n", messages), problems);
        this.messages = List.copyOf(messages);
    }

    /** The validator's problems, each with its file, line and field. */
    public static FormRejectedException of(List<FormProblem> problems) {
        return new FormRejectedException(problems.stream().map(FormProblem::toString).toList(), problems);
    }

    public List<String> messages() {
        return messages;
    }
}
