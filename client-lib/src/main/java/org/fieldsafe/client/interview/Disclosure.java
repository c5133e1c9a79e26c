package org.fieldsafe.client.interview;

import org.fieldsafe.core.forms.Urgency;

/**
 * A disclosure made during the interview: triggered by a form rule on {@code questionId}, or raised by the
 * enumerator by hand ({@code byRule} false, {@code questionId} then the question shown at the time, or null).
 */
public record Disclosure(int respondent, String category, Urgency urgency, String questionId, boolean byRule) {
}
