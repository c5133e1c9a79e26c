package org.fieldsafe.server.problems;

import static org.assertj.core.api.Assertions.assertThat;

import org.fieldsafe.core.wire.Problem;
import org.fieldsafe.core.wire.WithdrawalNotice;
import org.fieldsafe.server.referral.CaseStaleException;
import org.fieldsafe.server.submissions.WithdrawnRespondentException;
import org.junit.jupiter.api.Test;

/** The domain exceptions answer with the same problems as the status-numbered ones they replace. */
class DomainExceptionsTest {

    @Test
    void caseStale_problem_sameConflictAsBefore() {
        assertThat(new CaseStaleException().problem()).isEqualTo(Problem.of("case-stale", "Case changed meanwhile",
                409, "The case changed since the version you sent; show it again and retry."));
    }

    @Test
    void withdrawnRespondent_problem_goneWithTheSignedNotice() {
        WithdrawalNotice notice = new WithdrawalNotice("sub-1", "key-1", "c2lnbmF0dXJl");
        Problem plain = Problem.of("respondent-withdrawn", "Respondent withdrawn", 410,
                "A respondent of this submission has withdrawn; delete the sealed copy.");
        assertThat(new WithdrawnRespondentException(notice).problem())
                .isEqualTo(new Problem(plain.type(), plain.title(), 410, plain.detail(), notice));
    }

    @Test
    void namedFactories_problem_statusOfTheirName() {
        assertThat(ProblemException.invalid("a", "A", "d").problem()).isEqualTo(Problem.of("a", "A", 400, "d"));
        assertThat(ProblemException.forbidden("a", "A", "d").problem()).isEqualTo(Problem.of("a", "A", 403, "d"));
        assertThat(ProblemException.notFound("a", "A", "d").problem()).isEqualTo(Problem.of("a", "A", 404, "d"));
        assertThat(ProblemException.conflict("a", "A", "d").problem()).isEqualTo(Problem.of("a", "A", 409, "d"));
        assertThat(ProblemException.gone("a", "A", "d").problem()).isEqualTo(Problem.of("a", "A", 410, "d"));
        assertThat(ProblemException.unprocessable("a", "A", "d").problem()).isEqualTo(Problem.of("a", "A", 422, "d"));
    }
}
