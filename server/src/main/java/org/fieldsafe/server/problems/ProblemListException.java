package org.fieldsafe.server.problems;

import java.util.List;
import org.fieldsafe.core.forms.FormProblem;

/**
 * A refusal that names its problems one by one, each with its file, line and field (a form file that does not
 * validate, a filled translation template, a referral directory): the answer (422) lists them as {@code errors}
 * beside the detail, so a page can show each with a link to its field.
 */
public class ProblemListException extends DomainException {
    private static final long serialVersionUID = 1L;

    private final transient List<FormProblem> problems;

    public ProblemListException(String slug, String detail, List<FormProblem> problems) {
        super(slug, detail);
        this.problems = List.copyOf(problems);
    }

    /** The problems with file, line and field; empty when only the detail is known. */
    public List<FormProblem> problems() {
        return problems;
    }
}
