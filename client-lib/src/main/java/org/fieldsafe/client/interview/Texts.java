package org.fieldsafe.client.interview;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.forms.Choice;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Placeholders;
import org.fieldsafe.core.forms.Probe;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.Study;

/**
 * A form's texts in one language, with the master language as fallback and the study's placeholders
 * ({@code {research_team.phone}}) filled in.
 */
final class Texts {
    private final Study study;
    private final String language;
    private final String master;
    private final Placeholders placeholders;

    Texts(Study study, String language) {
        this.study = study;
        this.language = language;
        this.master = study.masterLanguage();
        this.placeholders = Placeholders.of(study);
    }

    String pick(Map<String, String> text, boolean[] fellBack) {
        if (text == null) {
            return null;
        }
        String t = text.get(language);
        if (t != null && !t.isBlank()) {
            return placeholders.fill(t);
        }
        fellBack[0] = true;
        return placeholders.fill(text.get(master));
    }

    LocalText local(Map<String, String> text) {
        boolean[] fellBack = {false};
        String t = pick(text, fellBack);
        return t == null ? null : new LocalText(t, fellBack[0] ? master : language, fellBack[0]);
    }

    Prompt prompt(int respondent, FormDefinition form, Question q) {
        boolean[] fellBack = {false};
        String label = pick(q.label(), fellBack);
        String hint = pick(q.hint(), fellBack);
        List<Prompt.Option> choices = new ArrayList<>();
        for (Choice c : q.choices()) {
            choices.add(new Prompt.Option(c.id(), pick(c.label(), fellBack)));
        }
        List<Prompt.Option> probes = new ArrayList<>();
        for (Probe p : q.probes()) {
            probes.add(new Prompt.Option(p.id(), pick(p.text(), fellBack)));
        }
        return new Prompt(respondent, form.id(), q, label, hint, List.copyOf(choices), List.copyOf(probes), fellBack[0],
                fellBack[0] ? fallbackWarning(form) : null);
    }

    /** The warning shown with every text that falls back to the master language. */
    private String fallbackWarning(FormDefinition form) {
        return "not translated: shown in " + study.languages().getOrDefault(master, master) + " because the "
                + LanguageGate.name(study, language) + " translation of form " + form.id() + " is "
                + LanguageGate.describe(LanguageGate.state(form, language))
                + "; translate it for the respondent with care";
    }

    String constraintMessage(Question q) {
        return pick(q.constraintMessage(), new boolean[1]);
    }
}
