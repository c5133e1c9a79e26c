package org.fieldsafe.server.submissions;

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

    static SubmissionNotStoredException notStored() {
        return new SubmissionNotStoredException();
    }
}
