package org.fieldsafe.client.interview;

import java.util.Map;
import org.fieldsafe.core.redact.Redactor;

/** What was redacted in one answer: kinds and counts, never the values. */
public record RedactionReport(int respondent, String form, String question, Map<Redactor.Kind, Integer> counts) {
}
