package org.fieldsafe.export;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.wire.SubmissionHeader;

/**
 * The plaintext of a research part as the client builds it (client-lib InterviewResult, docs/sealing.md): the form
 * version, the interview's language, the respondents who consented (code, category, consent-form answers,
 * interview answers; direct identifiers already left out) and the device's redaction notes. Answers are text,
 * numbers or lists of choice ids. Fields the export does not use are ignored when read, and {@code form} (the
 * client writes the form reference; the export takes the form version from the sealed header) is read as any
 * JSON value.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResearchPart(Object form, String language, List<Respondent> respondents,
                           List<Object> redactions, List<String> fallbackTexts, boolean stoppedEarly) {

    /** One respondent of the interview. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Respondent(String code, String category, Map<String, Object> consent, Map<String, Object> answers) {
    }

    /** A research part without redactions or fallback texts, not stopped early. */
    public static ResearchPart of(SubmissionHeader.FormRef form, String language, List<Respondent> respondents) {
        return new ResearchPart(form, language, respondents, List.of(), List.of(), false);
    }
}
