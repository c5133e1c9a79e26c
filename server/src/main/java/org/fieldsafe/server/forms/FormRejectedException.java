package org.fieldsafe.server.forms;

import java.util.List;
import org.fieldsafe.core.forms.FormProblem;
import org.fieldsafe.server.problems.DomainException;

/**
 * A form or study file failed validation (problem {@code form-invalid}); each message names the file, line and
 * field, and {@link #problems()} gives them one by one (the problem's {@code errors}).
 */
public class FormRejectedException extends DomainException {
    private static final long serialVersionUID = 1L;

    private final List<String> messages;
    private final transient List<FormProblem> problems;

    public FormRejectedException(List<String> messages) {
        this(messages, List.of());
    }

    private FormRejectedException(List<String> messages, List<FormProblem> problems) {
        this("form-invalid", String.join("\n", messages), messages, problems);
    }

    private FormRejectedException(String slug, String detail, List<String> messages, List<FormProblem> problems) {
        super(slug, detail);
        this.messages = List.copyOf(messages);
        this.problems = List.copyOf(problems);
    }

    /**
     * Another 422 with problems by file, line and field (e.g. {@code translation-invalid} for a filled translation
     * template, whose lines are the uploaded file's), with its own detail.
     */
    public static FormRejectedException of(String slug, String detail, List<FormProblem> problems) {
        return new FormRejectedException(slug, detail, problems.stream().map(FormProblem::toString).toList(),
                problems);
    }

    /** The validator's problems, each with its file, line and field. */
    public static FormRejectedException of(List<FormProblem> problems) {
        return new FormRejectedException(problems.stream().map(FormProblem::toString).toList(), problems);
    }

    public List<String> messages() {
        return messages;
    }

    /** The problems with file, line and field; empty when only messages are known (a missing forms folder). */
    public List<FormProblem> problems() {
        return problems;
    }
}
