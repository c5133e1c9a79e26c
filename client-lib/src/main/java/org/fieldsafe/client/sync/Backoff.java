package org.fieldsafe.client.sync;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: before retry {@code n} (1 for the first retry) wait a uniformly random
 * time in {@code [0, min(max, base * 2^(n-1)))}.
 */
public final class Backoff {
    private final Duration base;
    private final Duration max;
    private final DoubleSupplier random;

    /** @param random uniform values in [0, 1) */
    public Backoff(Duration base, Duration max, DoubleSupplier random) {
        this.base = Objects.requireNonNull(base, "base");
        this.max = Objects.requireNonNull(max, "max");
        this.random = Objects.requireNonNull(random, "random");
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= max");
        }
    }

    /** The ceiling of the pause before retry {@code retry} (1-based). */
    public Duration ceiling(int retry) {
        int doublings = Math.max(0, Math.min(retry - 1, 30));
        long millis = base.toMillis() << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    /** A random pause below {@link #ceiling(int)}. */
    public Duration pause(int retry) {
        double r = Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
        return Duration.ofMillis((long) Math.floor(ceiling(retry).toMillis() * r));
    }
}
