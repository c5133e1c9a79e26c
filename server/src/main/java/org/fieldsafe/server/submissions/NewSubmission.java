package org.fieldsafe.server.submissions;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * A validated upload on its way to storage: the exact envelope bytes as received (well-formed UTF-8, never
 * changed; {@link #envelopeText} where a row stores text) with their SHA-256, and the header values kept
 * in columns for progress and routing. {@code codeHashes} are the respondents' keyed code hashes, in order. The
 * triage values are null without a disclosure; {@code triageCategory} and {@code triageRaisedByEnumerator} are not
 * stored with the submission but open its referral case ({@code org.fieldsafe.server.referral.ReferralCaseStore}).
 */
public record NewSubmission(String id, String envelopeSha256, byte[] envelope, String studyId, String site,
                            String formId, int formVersion, String category, String deviceId, Instant finalisedAt,
                            String triageUrgency, String triageChoice, String triageCategory,
                            boolean triageRaisedByEnumerator, List<String> codeHashes) {

    public NewSubmission {
        codeHashes = List.copyOf(codeHashes);
    }

    /** The envelope as text, for a store that keeps it in its row (PostgreSQL). */
    public String envelopeText() {
        return new String(envelope, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "NewSubmission[id=" + id + ", envelopeSha256=" + envelopeSha256 + ", study=" + studyId + ", site="
                + site + "]";
    }
}
