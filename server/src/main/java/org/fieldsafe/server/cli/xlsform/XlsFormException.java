package org.fieldsafe.server.cli.xlsform;

import java.util.List;

/** Every problem found in an XLSForm (all of them, not the first); nothing has been written. */
public final class XlsFormException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<XlsFormProblem> problems;

    public XlsFormException(List<XlsFormProblem> problems) {
        super(problems.size() + " problem(s) in the XLSForm");
        this.problems = List.copyOf(problems);
    }

    public List<XlsFormProblem> problems() {
        return problems;
    }
}
