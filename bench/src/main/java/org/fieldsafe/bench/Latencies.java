package org.fieldsafe.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Request latencies of one run (thread-safe), when each ended, and their percentiles overall and per second. */
final class Latencies {
    private long[] nanos = new long[1024];
    private long[] ends = new long[1024];
    private int size;

    /** A latency, and when (System.nanoTime) the request ended. */
    synchronized void add(long latencyNanos, long endNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
        }
        nanos[size] = latencyNanos;
        ends[size++] = endNanos;
    }

    synchronized int count() {
        return size;
    }

    /** The nearest-rank percentile {@code p} (0 < p <= 100); zero when empty. */
    synchronized Duration percentile(double p) {
        return percentile(Arrays.copyOf(nanos, size), p);
    }

    /** One second of a run: requests that ended in it, their p99 and the longest. */
    record Second(int second, int requests, Duration p99, Duration max) {
    }

    /** Per second from {@code fromNanos} (System.nanoTime): where in a run the slow requests were. */
    synchronized List<Second> perSecond(long fromNanos) {
        List<long[]> buckets = new ArrayList<>();
        int[] counts = new int[0];
        for (int i = 0; i < size; i++) {
            int s = (int) Math.max(0, (ends[i] - fromNanos) / 1_000_000_000L);
            while (buckets.size() <= s) {
                buckets.add(new long[16]);
                counts = Arrays.copyOf(counts, buckets.size());
            }
            long[] b = buckets.get(s);
            if (counts[s] == b.length) {
                b = Arrays.copyOf(b, b.length * 2);
                buckets.set(s, b);
            }
            b[counts[s]++] = nanos[i];
        }
        List<Second> out = new ArrayList<>();
        for (int s = 0; s < buckets.size(); s++) {
            long[] b = Arrays.copyOf(buckets.get(s), counts[s]);
            out.add(new Second(s, b.length, percentile(b, 99), percentile(b, 100)));
        }
        return out;
    }

    private static Duration percentile(long[] values, double p) {
        if (values.length == 0) {
            return Duration.ZERO;
        }
        Arrays.sort(values);
        int rank = (int) Math.ceil(p / 100.0 * values.length);
        return Duration.ofNanos(values[Math.max(0, Math.min(values.length, rank) - 1)]);
    }
}
