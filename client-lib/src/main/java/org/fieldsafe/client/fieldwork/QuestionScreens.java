package org.fieldsafe.client.fieldwork;

import java.util.ArrayList;
import java.util.List;
import org.fieldsafe.client.interview.ConsentGate;
import org.fieldsafe.client.interview.InterviewSession;
import org.fieldsafe.client.interview.LocalText;
import org.fieldsafe.client.interview.Prompt;
import org.fieldsafe.core.forms.QuestionType;

/** A question of the engine as a screen shows it: texts by kind and language, choices, probes, the consent step. */
final class QuestionScreens {
    private QuestionScreens() {
    }

    /** Respondent {@code r}'s waiting question; {@code category} (may be null) is offered for the category question. */
    static Screen.Question of(InterviewSession session, int r, Prompt p, String category) {
        org.fieldsafe.core.forms.Question q = p.question();
        List<Screen.Text> texts = new ArrayList<>();
        add(texts, Screen.TextKind.READ_OUT, session.text(q.label()));
        add(texts, Screen.TextKind.INTERVIEWER_NOTE, session.text(q.hint()));
        if (p.fallbackWarning() != null) {
            texts.add(new Screen.Text(Screen.TextKind.HINT, p.fallbackWarning(), "en", false));
        }
        List<Screen.Choice> choices = q.choices().stream().map(c -> choice(c.id(), session.text(c.label()))).toList();
        List<Screen.Choice> probes = q.probes().stream().map(c -> choice(c.id(), session.text(c.text()))).toList();
        Object given = session.given(r).orElse(null);
        if (given == null && category != null && ConsentGate.CATEGORY.equals(q.id())) {
            given = category;
        }
        boolean consent = p.formId().equals(session.consentForm().id());
        return new Screen.Question(p.formId(), q.id(), q.type().wire(), q.required(),
                consent ? consentItem(q) : null, List.copyOf(texts), choices, probes, given,
                session.ticked(r, q.id()));
    }

    private static Screen.ConsentItem consentItem(org.fieldsafe.core.forms.Question q) {
        if (q.type() == QuestionType.NOTE) {
            return Screen.ConsentItem.INFORMATION;
        }
        return switch (q.id()) {
            case ConsentGate.PARTICIPATION -> Screen.ConsentItem.PARTICIPATION;
            case ConsentGate.RECORDING -> Screen.ConsentItem.RECORDING;
            case ConsentGate.MODE -> Screen.ConsentItem.MODE;
            case ConsentGate.AGE -> Screen.ConsentItem.AGE;
            case ConsentGate.GUARDIAN -> Screen.ConsentItem.GUARDIAN;
            case ConsentGate.ASSENT -> Screen.ConsentItem.ASSENT;
            case ConsentGate.CODE -> Screen.ConsentItem.RESPONDENT_CODE;
            default -> Screen.ConsentItem.OTHER;
        };
    }

    private static void add(List<Screen.Text> texts, Screen.TextKind kind, LocalText text) {
        if (text != null) {
            texts.add(new Screen.Text(kind, text.text(), text.lang(), text.fallback()));
        }
    }

    private static Screen.Choice choice(String id, LocalText text) {
        return text == null ? new Screen.Choice(id, id, null, false)
                : new Screen.Choice(id, text.text(), text.lang(), text.fallback());
    }

}
