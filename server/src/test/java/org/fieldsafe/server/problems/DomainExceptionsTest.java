package org.fieldsafe.server.problems;

import static org.assertj.core.api.Assertions.assertThat;

import org.fieldsafe.core.wire.Problem;
import org.junit.jupiter.api.Test;

/** The named factories of the general refusals (the domain exceptions' answers: mappers.DomainProblemsTest). */
class DomainExceptionsTest {

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
