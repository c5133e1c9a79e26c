package org.fieldsafe.server.submissions;

import com.codahale.metrics.ExponentiallyDecayingReservoir;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.fieldsafe.core.wire.Receipt;
import org.fieldsafe.server.keys.ReceiptKey;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.EnvelopeFiles;
import org.fieldsafe.server.storage.WalCheckpointer;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of uploads. One writer thread takes every upload waiting in the queue (up to {@code maxBatch})
 * and stores them in one transaction through {@link Database#write}; only after that transaction has committed
 * does it sign the receipts and answer each waiting request. If a batch fails, its uploads are retried one per
 * transaction, so one bad upload cannot sink the others; an upload whose own transaction fails is answered with
 * the failure and nothing is acknowledged.
 */
public final class SubmissionWriter implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(SubmissionWriter.class);
    private static final long POLL_MILLIS = 100;
    /**
     * The writer connection's page cache (SQLite). At SQLite's default of 2 MiB, a batch of a hundred 8-16 KB
     * envelopes pushed the b-tree pages it needed out of the cache and read them back from the log for every
     * batch (about a thousand reads per commit); 64 MiB keeps them.
     */
    private static final int WRITER_CACHE_KIB = 64 * 1024;

    private final Database database;
    private final SubmissionStore store;
    private final ReceiptKey receiptKey;
    private final Clock clock;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue;
    private final AtomicLong commits = new AtomicLong();
    private final Timer commitTimes = new Timer();
    private final Histogram batchSizes = new Histogram(new ExponentiallyDecayingReservoir());
    private final WalCheckpointer checkpointer;
    /** Completes answers after commit; started and stopped with the writer. */
    private ExecutorService answers;
    private volatile boolean running;
    private volatile Thread thread;
    /** The writer thread's own connection, kept across batches; reopened after a failure. */
    private Handle handle;

    /**
     * The answer to one upload after commit: what storing it came to and, when stored, its signed receipt
     * (null otherwise).
     */
    public record Answer(Stored stored, Receipt receipt) {
    }

    private record Pending(NewSubmission submission, String actor, CompletableFuture<Answer> answer) {
    }

    public SubmissionWriter(Database database, SubmissionStore store, ReceiptKey receiptKey, Clock clock, int maxBatch,
                            int queueCapacity) {
        this(database, store, receiptKey, clock, maxBatch, queueCapacity, null);
    }

    /**
     * With a {@link WalCheckpointer} (SQLite), the writer's own connection does not checkpoint inside its commits;
     * the checkpointer, started and stopped with the writer, does it on its own thread.
     */
    public SubmissionWriter(Database database, SubmissionStore store, ReceiptKey receiptKey, Clock clock, int maxBatch,
                            int queueCapacity, WalCheckpointer checkpointer) {
        this.checkpointer = checkpointer;
        this.database = database;
        this.store = store;
        this.receiptKey = receiptKey;
        this.clock = clock;
        this.maxBatch = maxBatch;
        this.queue = new LinkedBlockingQueue<>(queueCapacity);
    }

    /** Queues an upload; the future completes after its transaction committed (or failed). */
    public CompletableFuture<Answer> submit(NewSubmission submission, String actor) {
        Pending pending = new Pending(submission, actor, new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            pending.answer().completeExceptionally(
                    new RejectedExecutionException("The submission writer is not accepting uploads"));
        }
        return pending.answer();
    }

    /** Transactions committed so far (each stores a batch of one or more uploads). */
    public long commits() {
        return commits.get();
    }

    /** Registers the writer's metrics: commit times (one transaction each) and batch sizes (uploads each). */
    public void registerMetrics(MetricRegistry metrics) {
        metrics.register(MetricRegistry.name(SubmissionWriter.class, "commits"), commitTimes);
        metrics.register(MetricRegistry.name(SubmissionWriter.class, "batch-size"), batchSizes);
        metrics.register(MetricRegistry.name(SubmissionWriter.class, "waiting"), (Gauge<Integer>) this::waiting);
        if (checkpointer != null) {
            checkpointer.registerMetrics(metrics);
        }
    }

    /** Uploads queued for the writer now. */
    public int waiting() {
        return queue.size();
    }

    /** True while the writer thread runs and accepts uploads. */
    public boolean isRunning() {
        Thread current = thread;
        return running && current != null && current.isAlive();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        AtomicInteger n = new AtomicInteger();
        answers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "submission-answers-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        if (checkpointer != null) {
            checkpointer.start();
        }
        thread = new Thread(this::loop, "submission-writer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join();
            thread = null;
        }
        if (checkpointer != null) {
            checkpointer.stop();
        }
        if (answers != null) {
            answers.shutdown();
            answers.awaitTermination(10, TimeUnit.SECONDS);
            answers = null;
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.answer().completeExceptionally(
                new RejectedExecutionException("The server is stopping")));
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                Pending first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, maxBatch - 1);
                    write(batch);
                }
                if (checkpointer != null) {
                    checkpointer.restartLogIfDue(this::handle);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeHandle();
                return;
            } catch (RuntimeException | Error e) {
                LOG.error("Submission writer failed on a batch of {}", batch.size(), e);
                batch.forEach(p -> p.answer().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        closeHandle();
    }

    private Handle handle() {
        if (handle == null) {
            handle = database.jdbi().open();
            database.enlargeCache(handle, WRITER_CACHE_KIB);
            if (checkpointer != null) {
                checkpointer.disableAutomaticCheckpoints(handle);
            }
        }
        return handle;
    }

    private void closeHandle() {
        if (handle != null) {
            try {
                handle.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the submission writer's connection failed", e);
            }
            handle = null;
        }
    }

    private void write(List<Pending> batch) {
        Instant now = Instant.ofEpochMilli(clock.millis());
        List<Stored> results;
        List<EnvelopeFiles.Ref> appended = new ArrayList<>();
        try {
            long started = System.nanoTime();
            List<NewSubmission> submissions = batch.stream().map(Pending::submission).toList();
            List<EnvelopeFiles.Ref> at = appendNewOnes(submissions, appended);
            List<SubmissionStore.Upload> uploads = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                uploads.add(new SubmissionStore.Upload(batch.get(i).submission(), batch.get(i).actor(),
                        at == null ? null : at.get(i)));
            }
            results = database.write(handle(), h -> store.storeAll(h, uploads, now));
            if (at != null) {
                // appended as new, then turned away inside the transaction (a withdrawal committed meanwhile)
                List<EnvelopeFiles.Ref> unreferenced = new ArrayList<>();
                for (int i = 0; i < results.size(); i++) {
                    if (at.get(i) != null && !(results.get(i) instanceof Stored.Created)) {
                        unreferenced.add(at.get(i));
                    }
                }
                store.discardEnvelopes(unreferenced);
            }
            commitTimes.update(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            batchSizes.update(batch.size());
            commits.incrementAndGet();
        } catch (RuntimeException e) {
            closeHandle();
            discardQuietly(appended);
            if (batch.size() == 1) {
                LOG.error("Storing submission {} failed", batch.get(0).submission().id(), e);
                batch.get(0).answer().completeExceptionally(e);
                return;
            }
            LOG.warn("Group commit of {} uploads failed; storing them one per transaction", batch.size(), e);
            batch.forEach(p -> write(List.of(p)));
            return;
        }
        List<Receipt> receipts = receipts(batch, results);
        // Completed on the answer threads: whatever waits on an answer (writing the response) runs there, and
        // the writer goes straight back to the queue.
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            Answer answer = new Answer(results.get(i), receipts.get(i));
            try {
                answers.execute(() -> p.answer().complete(answer));
            } catch (RejectedExecutionException e) {
                p.answer().complete(answer);
            }
        }
    }

    /**
     * With envelope files: appends the envelopes of the uploads that may be new ({@link SubmissionStore#mayBeNew})
     * and returns every upload's reference (null for those not appended), adding the appended ones to
     * {@code appended}; null without envelope files.
     */
    private List<EnvelopeFiles.Ref> appendNewOnes(List<NewSubmission> submissions, List<EnvelopeFiles.Ref> appended) {
        if (!store.hasEnvelopeFiles()) {
            return null;
        }
        boolean[] fresh = store.mayBeNew(handle(), submissions);
        List<NewSubmission> toAppend = new ArrayList<>();
        for (int i = 0; i < submissions.size(); i++) {
            if (fresh[i]) {
                toAppend.add(submissions.get(i));
            }
        }
        List<EnvelopeFiles.Ref> refs = toAppend.isEmpty() ? List.of() : store.appendEnvelopes(toAppend);
        appended.addAll(refs);
        List<EnvelopeFiles.Ref> out = new ArrayList<>(submissions.size());
        Iterator<EnvelopeFiles.Ref> next = refs.iterator();
        for (boolean f : fresh) {
            out.add(f ? next.next() : null);
        }
        return out;
    }

    private void discardQuietly(List<EnvelopeFiles.Ref> refs) {
        try {
            store.discardEnvelopes(refs);
        } catch (RuntimeException e) {
            LOG.warn("Zeroing {} envelopes of a failed commit failed; the next start scrubs them", refs.size(), e);
        }
    }

    /**
     * The receipts of a committed batch, in its order (null where nothing was stored): one signature for all of
     * them (a Merkle root, see {@link ReceiptKey#signAll}). Signing each receipt on its own took a third of
     * the writer's time, and later most of the answer threads'; one signature per batch costs the writer well
     * under a millisecond.
     */
    private List<Receipt> receipts(List<Pending> batch, List<Stored> results) {
        List<Receipt> out = new ArrayList<>(batch.size());
        List<Receipt> unsigned = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Receipt r = unsigned(batch.get(i).submission().id(), results.get(i));
            out.add(r);
            if (r != null) {
                unsigned.add(r);
            }
        }
        if (!unsigned.isEmpty()) {
            Iterator<Receipt> signed = receiptKey.signAll(unsigned).iterator();
            out.replaceAll(r -> r == null ? null : signed.next());
        }
        return out;
    }

    private static Receipt unsigned(String submissionId, Stored stored) {
        if (stored instanceof Stored.Created created) {
            return new Receipt(submissionId, created.envelopeSha256(), created.receivedAt().toString(), null, null);
        }
        if (stored instanceof Stored.Duplicate duplicate) {
            return new Receipt(submissionId, duplicate.envelopeSha256(), duplicate.receivedAt().toString(), null, null);
        }
        return null;
    }
}
