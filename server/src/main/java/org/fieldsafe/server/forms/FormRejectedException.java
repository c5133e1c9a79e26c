package org.fieldsafe.server.forms;

import java.util.List;
import org.fieldsafe.server.problems.DomainException;

/**
 * A form or study file failed validation (problem {@code form-invalid}); each message names the file, line and
 * field.
 */
public class FormRejectedException extends DomainException {
    private static final long serialVersionUID = 1L;

    private final List<String> messages;

    public FormRejectedException(List<String> messages) {
        super("form-invalid", String.join("\n", messages));
        this.messages = List.copyOf(messages);
    }

    public List<String> messages() {
        return messages;
    }
}
