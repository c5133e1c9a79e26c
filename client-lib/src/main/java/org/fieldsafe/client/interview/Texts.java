package org.fieldsafe.client.interview;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.forms.Choice;
import org.fieldsafe.core.forms.Probe;
import org.fieldsafe.core.forms.Question;

/** A form's texts in one language, with the master language as fallback. */
final class Texts {
    private final String language;
    private final String master;

    Texts(String language, String master) {
        this.language = language;
        this.master = master;
    }

    String pick(Map<String, String> text, boolean[] fellBack) {
        if (text == null) {
            return null;
        }
        String t = text.get(language);
        if (t != null && !t.isBlank()) {
            return t;
        }
        fellBack[0] = true;
        return text.get(master);
    }

    Prompt prompt(int respondent, String formId, Question q) {
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
        return new Prompt(respondent, formId, q, label, hint, List.copyOf(choices), List.copyOf(probes), fellBack[0]);
    }

    String constraintMessage(Question q) {
        return pick(q.constraintMessage(), new boolean[1]);
    }
}
