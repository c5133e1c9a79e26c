package org.fieldsafe.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldsafe.server.mappers.MappedAnswers.headers;
import static org.fieldsafe.server.mappers.MappedAnswers.problem;

import java.time.Duration;
import java.time.Instant;
import org.fieldsafe.server.MutableClock;
import org.fieldsafe.server.problems.DomainException;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(15), clock);

    @Test
    void check_belowLimit_passes() {
        limiter.recordFailure("k");
        limiter.recordFailure("k");
        assertThatCode(() -> limiter.check("k")).doesNotThrowAnyException();
    }

    @Test
    void check_atLimit_429WithRetryAfterUntilOldestFailureAges() {
        limiter.recordFailure("k");
        clock.advance(Duration.ofMinutes(5));
        limiter.recordFailure("k");
        limiter.recordFailure("k");
        assertThatThrownBy(() -> limiter.check("k")).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(problem(e).status()).isEqualTo(429);
            assertThat(headers(e)).containsEntry("Retry-After", "601");
        });
        assertThatCode(() -> limiter.check("other")).doesNotThrowAnyException();
        clock.advance(Duration.ofMinutes(10));
        assertThatCode(() -> limiter.check("k")).doesNotThrowAnyException();
    }

    @Test
    void reset_clearsFailures() {
        for (int i = 0; i < 3; i++) {
            limiter.recordFailure("k");
        }
        limiter.reset("k");
        assertThatCode(() -> limiter.check("k")).doesNotThrowAnyException();
    }
}
