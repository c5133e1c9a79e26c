package org.fieldsafe.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failures per key (e.g. user name + address) in a sliding window, in memory: a restart forgets
 * them, and with several server processes each counts its own. When a key reaches the limit, further
 * attempts get 429 with {@code Retry-After} until the oldest failure leaves the window.
 */
public final class RateLimiter {
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public RateLimiter(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** Throws a 429 problem when {@code key} has too many recent failures. */
    public void check(String key) {
        Instant now = clock.instant();
        Deque<Instant> recent = failures.get(key);
        if (recent == null) {
            return;
        }
        synchronized (recent) {
            prune(recent, now);
            if (recent.size() >= maxFailures) {
                long seconds = Math.max(1, Duration.between(now, recent.peekFirst().plus(window)).toSeconds() + 1);
                throw new TooManyAttemptsException(seconds);
            }
        }
    }

    public void recordFailure(String key) {
        Instant now = clock.instant();
        Deque<Instant> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (recent) {
            prune(recent, now);
            recent.addLast(now);
        }
        if (failures.size() > 10_000) {
            failures.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    prune(e.getValue(), now);
                    return e.getValue().isEmpty();
                }
            });
        }
    }

    public void reset(String key) {
        failures.remove(key);
    }

    private void prune(Deque<Instant> recent, Instant now) {
        Instant cutoff = now.minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(cutoff)) {
            recent.removeFirst();
        }
    }
}
