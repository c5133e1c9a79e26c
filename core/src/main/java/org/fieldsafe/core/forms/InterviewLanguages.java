package org.fieldsafe.core.forms;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Which translation states may be used in interviews ({@code interview_languages} in study.yaml): a device
 * refuses to start an interview in a language whose state, for the consent or the interview form, is not listed.
 * The master language is always allowed. Default: {@code complete} and {@code reviewed}; a coordinator allows
 * {@code draft} (or even {@code missing}) explicitly, and the device then warns on every text shown in the master
 * language.
 */
public record InterviewLanguages(List<TranslationState> allowedStates) {
    private static final List<TranslationState> DEFAULT_STATES =
            List.of(TranslationState.COMPLETE, TranslationState.REVIEWED);
    public static final InterviewLanguages DEFAULT = new InterviewLanguages(DEFAULT_STATES);

    public InterviewLanguages {
        allowedStates = allowedStates == null || allowedStates.isEmpty()
                ? DEFAULT_STATES : List.copyOf(allowedStates);
    }

    public boolean allows(TranslationState state) {
        return allowedStates.contains(state);
    }

    /** The allowed states in words: {@code complete or reviewed}. */
    public String describe() {
        List<String> words = allowedStates.stream().map(TranslationState::wire).toList();
        if (words.size() == 1) {
            return words.get(0);
        }
        return words.subList(0, words.size() - 1).stream().collect(Collectors.joining(", "))
                + " or " + words.get(words.size() - 1);
    }
}
