package org.fieldsafe.client.fieldwork;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fieldsafe.client.interview.InterviewResult;
import org.fieldsafe.client.interview.InterviewSession;
import org.fieldsafe.core.redact.Redactor;

/** The redaction review of a session: the very replacements {@link InterviewResult#build} makes. */
final class RedactionReviews {
    private RedactionReviews() {
    }

    static RedactionReview of(InterviewSession session, Set<String> undone) {
        Redactor redactor = InterviewResult.redactor(session);
        List<RedactionReview.Replacement> out = new ArrayList<>();
        for (InterviewResult.FreeText answer : InterviewResult.freeTexts(session)) {
            String text = Redactor.normalise(answer.text());
            List<Redactor.Replacement> found = redactor.find(text);
            for (int i = 0; i < found.size(); i++) {
                Redactor.Replacement r = found.get(i);
                String id = answer.replacementId(i);
                out.add(new RedactionReview.Replacement(id, answer.respondent(), answer.form(), answer.question(),
                        r.kind().name(), text.substring(r.start(), r.end()), r.start(), r.end(), text,
                        undone.contains(id)));
            }
        }
        return new RedactionReview(List.copyOf(out));
    }
}
