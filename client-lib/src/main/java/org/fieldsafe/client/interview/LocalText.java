package org.fieldsafe.client.interview;

/**
 * A text of a form in the language it is shown in: the interview language, or the master language when the
 * interview language lacks it ({@code fallback} true, so a screen can mark it).
 */
public record LocalText(String text, String lang, boolean fallback) {
}
