package org.fieldsafe.client.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.store.Outbox;

/** What the uploads of one sync share: where to send, how to check receipts, the deadline, the stop flag. */
final class SyncRun {
    private final Outbox outbox;
    private final ServerApi api;
    private final String token;
    private final ReceiptCheck receipts;
    private final SyncOptions options;
    private final Clock clock;
    private final SyncProgress progress;
    private final long deadlineNanos;
    private final AtomicReference<ClientException> stoppedBy = new AtomicReference<>();

    SyncRun(Outbox outbox, ServerApi api, String token, ReceiptCheck receipts, SyncOptions options, Clock clock,
            SyncProgress progress) {
        this.outbox = outbox;
        this.api = api;
        this.token = token;
        this.receipts = receipts;
        this.options = options;
        this.clock = clock;
        this.progress = progress;
        this.deadlineNanos = options.clock().nanoTime() + options.budget().toNanos();
    }

    Outbox outbox() {
        return outbox;
    }

    ServerApi api() {
        return api;
    }

    String token() {
        return token;
    }

    ReceiptCheck receipts() {
        return receipts;
    }

    SyncOptions options() {
        return options;
    }

    /** Stamps receipts as stored. */
    Clock clock() {
        return clock;
    }

    SyncProgress progress() {
        return progress;
    }

    /** Whether a pause of this length still ends inside the run's time budget. */
    boolean hasTimeFor(Duration pause) {
        return options.clock().nanoTime() + pause.toNanos() < deadlineNanos;
    }

    /**
     * Waits before retry {@code retry} (1 for the first) of {@code id}: the jittered backoff, but never sooner than
     * the server asked (its Retry-After on 429/503, or zero). Returns false, without waiting, when that pause would
     * end past the run's time budget.
     */
    boolean pauseBeforeRetry(String id, int retry, Duration serverAsked, String reason) throws InterruptedException {
        Duration jittered = options.backoff().pause(retry);
        Duration pause = jittered.compareTo(serverAsked) >= 0 ? jittered : serverAsked;
        if (!hasTimeFor(pause)) {
            return false;
        }
        progress.retrying(id, retry, pause, reason);
        options.clock().sleep(pause);
        return true;
    }

    void stop(ClientException why) {
        stoppedBy.compareAndSet(null, why);
    }

    boolean stopped() {
        return stoppedBy.get() != null;
    }

    String stopReason() {
        ClientException e = stoppedBy.get();
        return e == null ? null : e.getMessage();
    }

    ClientException stoppedBy() {
        return stoppedBy.get();
    }
}
