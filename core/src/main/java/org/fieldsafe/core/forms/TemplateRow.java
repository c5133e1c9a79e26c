package org.fieldsafe.core.forms;

/** One text of a translation template: its key, the master text and the translation (empty when none). */
public record TemplateRow(String key, String master, String translation) {
}
