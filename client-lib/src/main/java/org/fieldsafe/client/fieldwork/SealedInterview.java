package org.fieldsafe.client.fieldwork;

import java.util.List;
import org.fieldsafe.client.interview.RedactionReport;

/**
 * What sealing an interview did. {@code kept} false: the respondent stopped and nothing was kept (no submission).
 * Otherwise the submission id, its sealed parts, whether it was stopped early, what was redacted (kinds and counts,
 * never values), the questions shown in {@code fallbackLanguage} for want of a translation, the recorder files
 * sealed as attachments (the originals are not encrypted: the enumerator must delete them), and how many sealed
 * interviews wait in the outbox now.
 */
public record SealedInterview(boolean kept, String submissionId, List<String> parts, boolean stoppedEarly,
                              List<RedactionReport> redactions, List<String> fallbackTexts, String fallbackLanguage,
                              List<String> recordingFiles, int waiting) {
    static SealedInterview nothingKept(int waiting) {
        return new SealedInterview(false, null, List.of(), true, List.of(), List.of(), null, List.of(), waiting);
    }
}
