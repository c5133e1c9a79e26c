package org.fieldsafe.server.scheduling;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one background job on a daemon thread of its own: first after a delay, then with a fixed delay from the end of
 * one run to the start of the next, plus extra runs on request ({@link #runSoon}). A run that throws is logged by the
 * kind of its exception only (messages may quote data) and the schedule goes on.
 */
public final class SingleThreadSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(SingleThreadSchedule.class);

    private final String name;
    private final Runnable job;
    private final Object lifecycle = new Object();
    private ScheduledExecutorService scheduler;

    /** @param name the thread's name, also in the log line of a failed run */
    public SingleThreadSchedule(String name, Runnable job) {
        this.name = name;
        this.job = job;
    }

    /** Starts the schedule (once; a second call does nothing). */
    public void start(Duration firstRunAfter, Duration interval) {
        synchronized (lifecycle) {
            if (scheduler != null) {
                return;
            }
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
            scheduler.scheduleWithFixedDelay(this::run, firstRunAfter.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Runs the job once more, soon, on its thread; nothing when the schedule is not running. */
    public void runSoon() {
        synchronized (lifecycle) {
            if (scheduler != null) {
                scheduler.execute(this::run);
            }
        }
    }

    /** Stops the schedule, interrupting a run in progress, and waits up to 30 s for it to end. */
    public void stop() throws InterruptedException {
        synchronized (lifecycle) {
            if (scheduler == null) {
                return;
            }
            scheduler.shutdownNow();
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
            scheduler = null;
        }
    }

    private void run() {
        try {
            job.run();
        } catch (RuntimeException e) {
            LOG.error("The {} run failed: {}", name, e.getClass().getSimpleName());
        }
    }
}
