package org.fieldsafe.client.fieldwork;

import java.util.List;

/**
 * What an interview shows now, as data (records Jackson writes as JSON): the field app renders it, the command line
 * prints the same engine's prompts. {@code step} says which part fills it; {@code question} is set for
 * {@link Step#QUESTION}, {@code referral} for {@link Step#REFERRAL}; {@code refusals} says why respondents cannot be
 * interviewed (consent not given, a minor without guardian consent and assent). Plaintext: answers given appear in
 * {@code question.given}; show it to the enumerator only.
 */
public record Screen(Step step, int respondent, int respondents, boolean minor, Question question,
                     DisclosureFlow referral, Progress progress, List<String> refusals, String draftId) {

    /** Which part of the interview the screen is. */
    public enum Step {
        /** A question (or a note to read out) of the consent form or the interview form. */
        QUESTION,
        /** After the questions, a disclosure needs the respondent's referral choice. */
        REFERRAL,
        /** Everything is answered: review the redactions, then seal. */
        REVIEW,
        /** Nobody can be interviewed (no consent, or a minor without both guardian consent and assent). */
        NOBODY,
        /** The respondent stopped and the study's stop policy keeps nothing: sealing keeps nothing. */
        STOPPED,
        /** Sealed into the outbox; the session is over. */
        SEALED
    }

    /** How a text is used: read out to the respondent, for the interviewer only, or a hint from the device. */
    public enum TextKind { READ_OUT, INTERVIEWER_NOTE, HINT }

    /**
     * Which consent step a consent-form question is: the information text read out, participation, recording
     * consent, consent mode, age, guardian consent and child assent (minors), the respondent code; null elsewhere.
     */
    public enum ConsentItem { INFORMATION, PARTICIPATION, RECORDING, MODE, AGE, GUARDIAN, ASSENT, RESPONDENT_CODE,
        OTHER }

    /** A text in the language it is shown in; {@code fallback} when that is the master language, not the chosen. */
    public record Text(TextKind kind, String text, String lang, boolean fallback) {
    }

    /** A choice or a probe: its id and its text. */
    public record Choice(String id, String text, String lang, boolean fallback) {
    }

    /**
     * One question, or one topic with its probes (a checklist the interviewer ticks), of form {@code form}: its
     * label read out, its form hint as an interviewer note, a device hint when a text falls back to the master
     * language; the answer already given when the enumerator came back to it; the probes already ticked (kept in
     * the draft).
     */
    public record Question(String form, String id, String type, boolean required, ConsentItem consentItem,
                           List<Text> texts, List<Choice> choices, List<Choice> probes, Object given,
                           List<String> ticked) {
    }

    /** Questions answered or acknowledged so far, of at most {@code total} (both forms, every respondent). */
    public record Progress(int answered, int total) {
    }
}
