package org.fieldsafe.server.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.fieldsafe.server.MutableClock;
import org.junit.jupiter.api.Test;

class LoginLimitsTest {
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final LoginLimits limits = new LoginLimits(new RateLimiter(5, WINDOW, clock),
            new RateLimiter(3, WINDOW, clock), new RateLimiter(4, WINDOW, clock), Duration.ofDays(30), clock);

    @Test
    void check_nameFailedFromManyAddresses_limitedEverywhereButKnownAddress_untilWindowEnds() {
        limits.succeeded("officer", "10.0.0.50");
        for (int i = 1; i <= 3; i++) {
            limits.failed("officer", "10.0.0." + i);
        }
        assertThatThrownBy(() -> limits.check("officer", "10.0.0.9")).isInstanceOf(TooManyAttemptsException.class);
        assertThatCode(() -> limits.check("officer", "10.0.0.50")).doesNotThrowAnyException();
        assertThatCode(() -> limits.check("someone-else", "10.0.0.9")).doesNotThrowAnyException();
        clock.advance(WINDOW);
        assertThatCode(() -> limits.check("officer", "10.0.0.9")).doesNotThrowAnyException();
    }

    @Test
    void check_manyNamesFromOneAddress_addressLimited() {
        for (int i = 1; i <= 4; i++) {
            limits.failed("name" + i, "10.0.1.1");
        }
        assertThatThrownBy(() -> limits.check("name9", "10.0.1.1")).isInstanceOf(TooManyAttemptsException.class);
        assertThatCode(() -> limits.check("name9", "10.0.1.2")).doesNotThrowAnyException();
    }

    @Test
    void check_knownAddress_stillLimitedPerNameAndAddress() {
        limits.succeeded("officer", "10.0.2.1");
        for (int i = 0; i < 5; i++) {
            limits.failed("officer", "10.0.2.1");
        }
        assertThatThrownBy(() -> limits.check("officer", "10.0.2.1")).isInstanceOf(TooManyAttemptsException.class);
    }

    @Test
    void check_knownAddressForgottenAfterItsTime() {
        limits.succeeded("officer", "10.0.3.1");
        clock.advance(Duration.ofDays(31));
        for (int i = 1; i <= 3; i++) {
            limits.failed("officer", "10.0.3." + (i + 1));
        }
        assertThatThrownBy(() -> limits.check("officer", "10.0.3.1")).isInstanceOf(TooManyAttemptsException.class);
    }
}
