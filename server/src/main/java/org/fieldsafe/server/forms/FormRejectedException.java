package org.fieldsafe.server.forms;

import java.util.List;
import java.util.Map;
import org.fieldsafe.core.wire.Problem;
import org.fieldsafe.server.problems.ProblemException;

/** A form or study file failed validation; each message names the file, line and field. */
public class FormRejectedException extends ProblemException {
    private static final long serialVersionUID = 1L;

    private final List<String> messages;

    public FormRejectedException(List<String> messages) {
        super(Problem.of("form-invalid", "Form not valid", 422, String.join("\n", messages)), Map.of());
        this.messages = List.copyOf(messages);
    }

    public List<String> messages() {
        return messages;
    }
}
