package org.fieldsafe.server.auth;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Turns for Argon2id work (password hashes at login and password change; key unwraps have their own): at most
 * {@code permits} run at once, because each takes its cost's memory of heap and a burst of requests must not take
 * the heap. A caller that finds no free turn within {@code maxWait} gets the busy problem, for logins 503
 * {@code login-busy} with {@code Retry-After}; it has not been checked, so the attempt counts against no rate limit.
 */
public final class HashingPermits {
    /** What a shed login is told to wait, in seconds. */

    private final Semaphore permits;
    private final Duration maxWait;
    private final Supplier<? extends RuntimeException> busy;

    /** Turns for logins: beyond them, 503 {@code login-busy}. */
    public HashingPermits(int permits, Duration maxWait) {
        this(permits, maxWait, HashingBusyException::new);
    }

    /** Turns whose callers, when none comes in time, get the problem {@code busy} makes. */
    public HashingPermits(int permits, Duration maxWait, Supplier<? extends RuntimeException> busy) {
        if (permits < 1) {
            throw new IllegalArgumentException("at least one hashing permit");
        }
        this.permits = new Semaphore(permits, true);
        this.maxWait = maxWait;
        this.busy = busy;
    }

    /** Runs {@code hashing} in a turn of its own, or throws the 503 problem when none comes in time. */
    public <T> T run(Supplier<T> hashing) {
        try {
            if (!permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy.get();
        }
        try {
            return hashing.get();
        } finally {
            permits.release();
        }
    }
}
