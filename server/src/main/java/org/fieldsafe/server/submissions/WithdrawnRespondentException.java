package org.fieldsafe.server.submissions;

import java.util.Map;
import org.fieldsafe.core.wire.Problem;
import org.fieldsafe.core.wire.WithdrawalNotice;
import org.fieldsafe.server.problems.ProblemException;

/**
 * An upload of a respondent who has withdrawn (problem {@code respondent-withdrawn}, gone): nothing is stored, and
 * the answer carries the server's signed withdrawal notice so the device deletes its sealed copy.
 */
public final class WithdrawnRespondentException extends ProblemException {
    private static final long serialVersionUID = 1L;

    public WithdrawnRespondentException(WithdrawalNotice notice) {
        super(withNotice(ProblemException.gone("respondent-withdrawn", "Respondent withdrawn",
                "A respondent of this submission has withdrawn; delete the sealed copy.").problem(), notice), Map.of());
    }

    private static Problem withNotice(Problem plain, WithdrawalNotice notice) {
        return new Problem(plain.type(), plain.title(), plain.status(), plain.detail(), notice);
    }
}
