package org.fieldsafe.server.cli.imports;

import java.util.List;

/**
 * Everything that stops an import, one line each naming the file, row and column (never a value from the export):
 * the import writes nothing while there is any.
 */
public final class ImportProblems extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public ImportProblems(List<String> problems) {
        super(problems.size() + " problem(s)");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
