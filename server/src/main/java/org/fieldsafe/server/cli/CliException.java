package org.fieldsafe.server.cli;

/** A failure the admin sees as one line on stderr; the command exits non-zero. */
public class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }
}
