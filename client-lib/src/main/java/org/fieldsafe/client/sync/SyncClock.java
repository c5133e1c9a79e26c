package org.fieldsafe.client.sync;

import java.time.Duration;

/** Monotonic time and sleeping for sync retries; tests pass one that only records the pauses. */
public interface SyncClock {
    /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    void sleep(Duration pause) throws InterruptedException;

    /** The JVM's monotonic clock and {@link Thread#sleep}. */
    static SyncClock system() {
        return new SyncClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration pause) throws InterruptedException {
                Thread.sleep(pause.toMillis());
            }
        };
    }
}
