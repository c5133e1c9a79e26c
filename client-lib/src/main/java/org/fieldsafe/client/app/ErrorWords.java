package org.fieldsafe.client.app;

import java.util.Locale;
import org.fieldsafe.client.ClientException;

/** The message key (translated by the page) that says in plain words what a failure means and what to do. */
final class ErrorWords {
    private ErrorWords() {
    }

    /** E.g. {@code error.network}: "The server could not be reached...". */
    static String key(ClientException e) {
        return "error." + e.reason().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
