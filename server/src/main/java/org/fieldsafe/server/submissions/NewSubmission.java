package org.fieldsafe.server.submissions;

import java.time.Instant;
import java.util.List;

/**
 * A validated upload on its way to storage: the exact envelope text with its SHA-256, and the header values kept
 * in columns for progress and routing. {@code codeHashes} are the respondents' keyed code hashes, in order. The
 * triage values are null without a disclosure; {@code triageCategory} and {@code triageRaisedByEnumerator} are not
 * stored with the submission but open its referral case ({@code org.fieldsafe.server.referral.ReferralCaseStore}).
 */
public record NewSubmission(String id, String envelopeSha256, String envelope, String studyId, String site,
                            String formId, int formVersion, String category, String deviceId, Instant finalisedAt,
                            String triageUrgency, String triageChoice, String triageCategory,
                            boolean triageRaisedByEnumerator, List<String> codeHashes) {

    public NewSubmission {
        codeHashes = List.copyOf(codeHashes);
    }

    @Override
    public String toString() {
        return "NewSubmission[id=" + id + ", envelopeSha256=" + envelopeSha256 + ", study=" + studyId + ", site="
                + site + "]";
    }
}
