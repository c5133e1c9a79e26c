package org.fieldsafe.client.interview;

import java.time.Instant;

/**
 * What may be listed about a draft without its passphrase: its id, form, site, language and progress (questions
 * answered or acknowledged, of at most {@code total}), and when it was last saved. Nothing about the respondent:
 * no answer, no respondent code, no disclosure.
 */
public record DraftSummary(String draftId, String formId, String site, String language, int answered, int total,
                           Instant savedAt) {
}
