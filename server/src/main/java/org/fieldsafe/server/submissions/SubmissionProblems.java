package org.fieldsafe.server.submissions;

import java.util.Map;
import org.fieldsafe.core.wire.Problem;
import org.fieldsafe.core.wire.WithdrawalNotice;
import org.fieldsafe.server.problems.ProblemException;

/** The problems an upload can get (docs/sealing.md); none carries a value from the envelope. */
public final class SubmissionProblems {
    private SubmissionProblems() {
    }

    /** 422: the envelope or its header fails a rule; the detail names the field only. */
    static ProblemException invalid(String field) {
        return ProblemException.invalidField("submission-invalid", "Submission not valid", field);
    }

    static ProblemException conflict() {
        return ProblemException.conflict("submission-conflict", "Submission conflict",
                "A submission with this id was stored with different content.");
    }

    /** 410 with the signed withdrawal notice, without which a device keeps its sealed copy. */
    public static ProblemException withdrawn(WithdrawalNotice notice) {
        Problem plain = Problem.of("respondent-withdrawn", "Respondent withdrawn", 410,
                "A respondent of this submission has withdrawn; delete the sealed copy.");
        return new ProblemException(new Problem(plain.type(), plain.title(), plain.status(), plain.detail(), notice),
                Map.of());
    }

    static ProblemException notStored() {
        return new ProblemException(Problem.of("submission-not-stored", "Submission not stored", 503,
                "The submission could not be stored durably in time; nothing was acknowledged. Try again."),
                Map.of("Retry-After", "5"));
    }
}
