package org.fieldsafe.client.interview;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldsafe.core.forms.QuestionType;

/**
 * Walks the field app's interview engine ({@link InterviewSession}) through an answer set as an enumerator would:
 * each question it shows is answered with the set's answers in turn until one is taken, then left empty; a question
 * that takes none (required) ends the walk. Each step is {@code form/question: verdicts}, a verdict being {@code ok},
 * {@code constraint} (the constraint or an identity check refused the answer) or {@code required}.
 */
final class EngineWalk {
    private EngineWalk() {
    }

    static List<String> walk(InterviewSession session, Map<String, List<Object>> answers) {
        List<String> steps = new ArrayList<>();
        Optional<Prompt> prompt;
        while ((prompt = session.current(0)).isPresent()) {
            Prompt p = prompt.get();
            String key = p.formId() + "/" + p.questionId();
            try {
                if (p.question().type() == QuestionType.NOTE) {
                    session.answer(0, null);
                    steps.add(key + ": note");
                    continue;
                }
            } catch (InterviewException e) {
                throw new IllegalStateException(e);
            }
            List<String> verdicts = new ArrayList<>();
            List<Object> tries = new ArrayList<>(answers.getOrDefault(key, List.of()));
            tries.add(null);
            boolean taken = false;
            for (Object raw : tries) {
                try {
                    session.answer(0, raw);
                    verdicts.add("ok");
                    taken = true;
                    break;
                } catch (InterviewException e) {
                    verdicts.add(switch (e.kind()) {
                        case REQUIRED -> "required";
                        case CONSTRAINT, INVALID -> "constraint";
                        case STEP -> "step";
                    });
                }
            }
            steps.add(key + ": " + String.join(",", verdicts));
            if (!taken) {
                break;
            }
        }
        return steps;
    }
}
