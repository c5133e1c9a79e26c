package org.fieldsafe.server.export;

import org.fieldsafe.server.problems.DomainException;

/**
 * As many exports as the server takes are running or waiting (problem {@code export-queue-full}): the caller may
 * try again in {@link #RETRY_AFTER_SECONDS} seconds.
 */
public final class ExportQueueFullException extends DomainException {
    private static final long serialVersionUID = 1L;

    public static final int RETRY_AFTER_SECONDS = 60;

    public ExportQueueFullException() {
        super("export-queue-full", "As many exports as the server takes are running or waiting; try again later.");
    }
}
