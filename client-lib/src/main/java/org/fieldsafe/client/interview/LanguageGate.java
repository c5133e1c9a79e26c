package org.fieldsafe.client.interview;

import java.util.ArrayList;
import java.util.List;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.InterviewLanguages;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.forms.TranslationState;

/**
 * Whether an interview may start in a language: the translation state of the consent and the interview form in
 * that language (carried by the form versions the device holds, so offline) must be one the study's
 * {@code interview_languages} allows. The master language always may. Checked once, at session start.
 */
public final class LanguageGate {
    private LanguageGate() {
    }

    /** Refuses, naming the state the language has and the states the study allows. */
    static void check(Study study, String language, FormDefinition... forms) throws InterviewException {
        if (language.equals(study.masterLanguage())) {
            return;
        }
        InterviewLanguages allowed = study.interviewLanguages();
        for (FormDefinition form : forms) {
            TranslationState state = state(form, language);
            if (!allowed.allows(state)) {
                throw new InterviewException(-1, null, "cannot interview in " + name(study, language)
                        + ": its translation of form " + form.id() + " is " + describe(state) + ", and study "
                        + study.id() + " allows interviews only in languages whose translation is "
                        + allowed.describe() + " (study.yaml interview_languages)");
            }
        }
    }

    /**
     * What the enumerator should know before starting: one line per form whose translation in {@code language} is
     * draft or missing and allowed all the same (texts it lacks come in the master language, each with a warning).
     */
    public static List<String> warnings(Study study, String language, FormDefinition... forms) {
        List<String> out = new ArrayList<>();
        if (language.equals(study.masterLanguage())) {
            return out;
        }
        for (FormDefinition form : forms) {
            TranslationState state = state(form, language);
            if (!state.needsEveryText() && study.interviewLanguages().allows(state)) {
                out.add("the " + name(study, language) + " translation of form " + form.id() + " is "
                        + describe(state) + "; this study allows it, but texts it lacks are shown in "
                        + study.languages().getOrDefault(study.masterLanguage(), study.masterLanguage())
                        + ", each with a warning");
            }
        }
        return out;
    }

    static TranslationState state(FormDefinition form, String language) {
        return form.languages().getOrDefault(language, TranslationState.MISSING);
    }

    static String name(Study study, String language) {
        String name = study.languages().get(language);
        return name == null ? language : name + " (" + language + ")";
    }

    static String describe(TranslationState state) {
        return switch (state) {
            case MISSING -> "missing (not translated)";
            case DRAFT -> "draft (not reviewed)";
            case COMPLETE -> "complete (not yet reviewed)";
            case REVIEWED -> "reviewed";
        };
    }
}
