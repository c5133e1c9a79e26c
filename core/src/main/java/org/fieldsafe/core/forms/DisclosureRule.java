package org.fieldsafe.core.forms;

/** When the answer to a question is a disclosure: {@code when} is an expression, {@code category} a word. */
public record DisclosureRule(String when, String category, Urgency urgency) {
}
