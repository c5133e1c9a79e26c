package org.fieldsafe.core.forms;

/** One problem in a study folder or form file; {@code line} is 1-based (0 when unknown). */
public record FormProblem(String file, int line, String field, String message) {

    /** {@code file:line: field: message}, the field part left out when there is none. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + message;
    }
}
