package org.fieldsafe.core.forms;

/** How long identity parts are kept. */
public record Retention(int identityDays) {
}
