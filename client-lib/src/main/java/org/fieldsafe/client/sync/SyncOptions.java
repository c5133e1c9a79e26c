package org.fieldsafe.client.sync;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How hard one sync tries.
 *
 * @param parallelism   uploads in flight at once
 * @param maxAttempts   attempts per envelope in one run (the first try included)
 * @param baseDelay     ceiling of the first retry's pause; it doubles per retry up to {@code maxDelay}
 * @param maxDelay      the largest pause
 * @param budget        the whole run's time limit; no retry starts or sleeps past it
 * @param clock         monotonic time and sleeping
 * @param jitter        uniform random values in [0, 1)
 */
public record SyncOptions(int parallelism, int maxAttempts, Duration baseDelay, Duration maxDelay, Duration budget,
                          SyncClock clock, DoubleSupplier jitter) {
    public SyncOptions {
        if (parallelism < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("parallelism and maxAttempts must be at least 1");
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(jitter, "jitter");
    }

    /** 4 in flight, 6 attempts each, pauses from up to 1 s doubling to at most 30 s, 10 minutes in all. */
    public static SyncOptions defaults() {
        return new SyncOptions(4, 6, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(10),
                SyncClock.system(), () -> ThreadLocalRandom.current().nextDouble());
    }

    public Backoff backoff() {
        return new Backoff(baseDelay, maxDelay, jitter);
    }
}
