package org.fieldsafe.bench;

import java.time.Duration;
import java.util.Arrays;

/** Request latencies of one run (thread-safe), and their percentiles. */
final class Latencies {
    private long[] nanos = new long[1024];
    private int size;

    synchronized void add(long latencyNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = latencyNanos;
    }

    synchronized int count() {
        return size;
    }

    /** The nearest-rank percentile {@code p} (0 < p <= 100); zero when empty. */
    synchronized Duration percentile(double p) {
        if (size == 0) {
            return Duration.ZERO;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return Duration.ofNanos(sorted[Math.max(0, Math.min(size, rank) - 1)]);
    }
}
