package org.fieldsafe.server.submissions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldsafe.server.audit.AuditLog;
import org.jdbi.v3.core.Handle;

/**
 * The submissions already stored for a batch's respondent codes (keyed hashes; one query per batch), so that an
 * upload whose respondent came in another submission is flagged: audited {@code submission.duplicate_code} naming
 * both submissions and how many codes they share, never a code or a hash. Uploads stored earlier in the same batch
 * count too ({@link #stored}).
 */
final class SeenCodes {
    static final String EVENT = "submission.duplicate_code";

    /** study + "\n" + code hash -> the first submission seen with it. */
    private final Map<String, String> first = new HashMap<>();

    /** Reads the stored submissions (not withdrawn) that have any of {@code codeHashes}. */
    static SeenCodes lookUp(Handle handle, List<String> codeHashes) {
        SeenCodes seen = new SeenCodes();
        if (!codeHashes.isEmpty()) {
            handle.createQuery("SELECT s.study_id, r.code_hash, r.submission_id FROM submission_respondents r "
                            + "JOIN submissions s ON s.id = r.submission_id WHERE r.code_hash IN (<hashes>) AND s."
                            + SubmissionDao.NOT_WITHDRAWN + " ORDER BY s.received_at, s.id")
                    .bindList("hashes", SubmissionStore.padded(codeHashes))
                    .map((rs, ctx) -> new String[] {rs.getString(1) + "\n" + rs.getString(2), rs.getString(3)})
                    .forEach(row -> seen.first.putIfAbsent(row[0], row[1]));
        }
        return seen;
    }

    /** The audit entry for {@code submission} when another submission has one of its codes. */
    Optional<AuditLog.Entry> duplicate(NewSubmission submission, String actor) {
        String other = null;
        int shared = 0;
        for (String hash : submission.codeHashes().stream().distinct().toList()) {
            String earlier = first.get(submission.studyId() + "\n" + hash);
            if (earlier != null && !earlier.equals(submission.id())) {
                shared++;
                other = other == null ? earlier : other;
            }
        }
        return shared == 0 ? Optional.empty() : Optional.of(new AuditLog.Entry(actor, EVENT, "submission:"
                + submission.id() + " also:" + other + " study:" + submission.studyId() + " site:" + submission.site()
                + " category:" + submission.category() + " codes:" + shared));
    }

    /** Records a submission stored in this batch. */
    void stored(NewSubmission submission) {
        submission.codeHashes().forEach(hash -> first.putIfAbsent(submission.studyId() + "\n" + hash,
                submission.id()));
    }
}
