package org.fieldsafe.core.forms;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldsafe.core.util.CanonicalJson;

/**
 * A form with its translations merged in. {@code consentForm} is {@code null} for a consent form;
 * {@code languages} gives the translation state of every study language (the master is always complete).
 */
public record FormDefinition(String id, FormKind kind, String consentForm, String masterLanguage,
                             Map<String, String> title, List<Question> questions,
                             Map<String, TranslationState> languages) {

    public FormDefinition {
        questions = List.copyOf(questions);
    }

    public Optional<Question> question(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    /** The canonical JSON (docs/forms.md) whose hash identifies this form version. */
    public byte[] canonicalJson() {
        return CanonicalJson.bytes(this);
    }

    /** Lower-case hex SHA-256 of {@link #canonicalJson()}. */
    public String sha256() {
        return CanonicalJson.sha256(this);
    }

    /** Reads canonical JSON back; re-canonicalising gives the same bytes. */
    public static FormDefinition fromCanonicalJson(byte[] json) {
        return CanonicalJson.read(json, FormDefinition.class);
    }
}
