package org.fieldsafe.client.fieldwork;

import java.util.List;

/**
 * What sealing will redact, before it does: each replacement of a name, phone number or e-mail address in free
 * text, which the enumerator confirms (the default) or undoes (the text stays as written). Plaintext: show it to the
 * enumerator only, never log it.
 */
public record RedactionReview(List<Replacement> replacements) {

    /**
     * One replacement: {@code found} (from {@code start} to {@code end} of the answer {@code text}) becomes
     * {@code [KIND]}, unless {@code undone}.
     */
    public record Replacement(String id, int respondent, String form, String question, String kind, String found,
                              int start, int end, String text, boolean undone) {
    }
}
