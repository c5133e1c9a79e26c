package org.fieldsafe.client.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Virtual time: a sleep returns at once, moves the clock on and is recorded; an optional hook runs on each. */
final class FakeSyncClock implements SyncClock {
    private long nanos;
    private final List<Duration> pauses = new ArrayList<>();
    private Runnable onSleep = () -> { };

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public void sleep(Duration pause) {
        Runnable hook;
        synchronized (this) {
            pauses.add(pause);
            nanos += pause.toNanos();
            hook = onSleep;
        }
        hook.run();
    }

    synchronized List<Duration> pauses() {
        return List.copyOf(pauses);
    }

    synchronized Duration slept() {
        return pauses.stream().reduce(Duration.ZERO, Duration::plus);
    }

    synchronized void onSleep(Runnable hook) {
        onSleep = hook;
    }
}
