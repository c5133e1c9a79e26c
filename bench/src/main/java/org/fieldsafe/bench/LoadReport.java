package org.fieldsafe.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One load run: uploads tried, receipted (a 201/200 whose receipt names the submission and the SHA-256 of the
 * bytes sent, and verifies when the receipt key is known), failures, wall time and latency percentiles.
 */
record LoadReport(int devices, long uploads, long receipted, long badReceipts, Map<String, Long> failures,
                  long bytesSent, Duration elapsed, Duration p50, Duration p99, Duration max,
                  List<Latencies.Second> perSecond) {
    LoadReport {
        failures = new TreeMap<>(failures);
        perSecond = List.copyOf(perSecond);
    }

    double receiptedPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : receipted / seconds;
    }

    String format() {
        return String.format(Locale.ROOT, "devices %d, uploads %d, receipted %d (%.1f/s), bad receipts %d, failures %s,"
                        + " %.1f MB sent in %.1f s; latency p50 %d ms, p99 %d ms, max %d ms",
                devices, uploads, receipted, receiptedPerSecond(), badReceipts, failures.isEmpty() ? "none" : failures,
                bytesSent / 1e6, elapsed.toNanos() / 1e9, p50.toMillis(), p99.toMillis(), max.toMillis());
    }

    /** Second by second: uploads answered, p99 and longest (ms), to show whether slow uploads cluster. */
    String formatPerSecond() {
        StringBuilder out = new StringBuilder("per second (answered p99/max ms):");
        for (Latencies.Second s : perSecond) {
            out.append(String.format(Locale.ROOT, " %d:%d %d/%d", s.second(), s.requests(), s.p99().toMillis(),
                    s.max().toMillis()));
        }
        return out.toString();
    }
}
