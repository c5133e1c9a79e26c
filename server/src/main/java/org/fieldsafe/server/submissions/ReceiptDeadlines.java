package org.fieldsafe.server.submissions;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The receipt timeout of uploads waiting for their commit: an answer not there in time is completed with the
 * given failure (503, nothing acknowledged). Every upload has the same timeout, so deadlines fall in arrival order
 * and one queue checked from its head by one thread does it - no timer per upload. (A timer per upload, scheduled
 * and cancelled thousands of times a second, kept a scheduler thread and its lock busy under load.)
 */
public final class ReceiptDeadlines implements Managed {
    private static final long SWEEP_MILLIS = 50;

    private record Deadline(long atNanos, CompletableFuture<?> answer) {
    }

    private final long timeoutNanos;
    private final Supplier<? extends Throwable> failure;
    private final ConcurrentLinkedQueue<Deadline> waiting = new ConcurrentLinkedQueue<>();
    private ScheduledExecutorService sweeper;

    public ReceiptDeadlines(Duration timeout, Supplier<? extends Throwable> failure) {
        this.timeoutNanos = timeout.toNanos();
        this.failure = failure;
    }

    /** Fails {@code answer} with the failure unless it completes within the timeout from now. */
    public <T> CompletableFuture<T> watch(CompletableFuture<T> answer) {
        if (!answer.isDone()) {
            waiting.add(new Deadline(System.nanoTime() + timeoutNanos, answer));
        }
        return answer;
    }

    /** Answers being watched now (done ones are dropped at the next sweep). */
    int watched() {
        return waiting.size();
    }

    @Override
    public synchronized void start() {
        if (sweeper != null) {
            return;
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "receipt-deadlines");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(() -> sweep(System.nanoTime()), SWEEP_MILLIS, SWEEP_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        if (sweeper != null) {
            sweeper.shutdownNow();
            sweeper.awaitTermination(5, TimeUnit.SECONDS);
            sweeper = null;
        }
    }

    /** Drops answered uploads from the head and fails those past their deadline. */
    void sweep(long nowNanos) {
        Deadline head;
        while ((head = waiting.peek()) != null) {
            if (!head.answer().isDone() && head.atNanos() - nowNanos > 0) {
                return;
            }
            waiting.poll();
            if (!head.answer().isDone()) {
                head.answer().completeExceptionally(failure.get());
            }
        }
    }
}
