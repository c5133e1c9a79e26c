package org.fieldsafe.client.sync;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.store.DeviceRecord;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.store.Outbox;
import org.fieldsafe.core.wire.Receipt;

/**
 * One sync: pushes every envelope waiting in the outbox, a few at a time, each with retries, then the attachments
 * of envelopes with receipts, one at a time in chunks sized to the link ({@link ChunkSizer}); it deletes a sealed copy only once the server's receipt for
 * exactly those bytes verifies against a pinned receipt key. An envelope that already has a receipt on this device
 * is never sent again.
 */
public final class Sync {
    private static final Pattern SUBMISSION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final DeviceStore store;
    private final ServerApi api;
    private final ReceiptVerifier verifier;
    private final SyncOptions options;
    private final Clock clock;
    private Integer attachmentChunkBytes;

    public Sync(DeviceStore store, ServerApi api, ReceiptVerifier verifier, SyncOptions options, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.api = Objects.requireNonNull(api, "api");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SyncResult run(DeviceRecord device, SyncProgress progress) throws ClientException {
        Outbox outbox = store.outbox();
        List<Outbox.Entry> pending = outbox.pending();
        if (pending.isEmpty() && outbox.pendingAttachments().isEmpty()) {
            return new SyncResult(List.of(), List.of(), null);
        }
        ReceiptCheck receipts = new ReceiptCheck(ReceiptKeys.from(store.studyKeys()), verifier);
        SyncRun run = new SyncRun(outbox, api, device.deviceToken(), receipts, options, clock, progress);
        List<Outcome> interviews = pending.isEmpty() ? List.of() : envelopes(run, outbox, pending, progress);
        List<Outcome> attachments = attachments(run, outbox.pendingAttachments(), progress);
        return new SyncResult(interviews, attachments, run.stoppedBy());
    }

    /** A fixed number of bytes per attachment chunk (tests); otherwise chunks are sized to the link. */
    public Sync withAttachmentChunkBytes(int bytes) {
        this.attachmentChunkBytes = bytes;
        return this;
    }

    private List<Outcome> envelopes(SyncRun run, Outbox outbox, List<Outbox.Entry> pending, SyncProgress progress)
            throws ClientException {
        Map<String, Outbox.SentEntry> held = new HashMap<>();
        for (Outbox.SentEntry sent : outbox.sent()) {
            held.put(sent.submissionId(), sent);
        }
        progress.sending(pending.size());
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.parallelism(), pending.size()),
                Sync::daemon);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Outbox.Entry entry : pending) {
                futures.add(pool.submit(() -> {
                    Outcome outcome = settle(run, entry, held.get(entry.submissionId()));
                    synchronized (done) {
                        progress.settled(outcome, done.incrementAndGet(), pending.size());
                    }
                    return outcome;
                }));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(await(future));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sends the attachments whose envelopes have receipts, one at a time (each resumes where the server stopped). */
    private List<Outcome> attachments(SyncRun run, List<Outbox.AttachmentEntry> waiting, SyncProgress progress)
            throws ClientException {
        List<Outcome> outcomes = new ArrayList<>();
        if (waiting.isEmpty() || run.stopped()) {
            return outcomes;
        }
        progress.sendingAttachments(waiting.size());
        ChunkSizer chunks = attachmentChunkBytes == null ? ChunkSizer.adaptive()
                : ChunkSizer.fixed(attachmentChunkBytes);
        for (Outbox.AttachmentEntry attachment : waiting) {
            if (run.stopped()) {
                break;
            }
            Outcome outcome = send(run, attachment, chunks);
            outcomes.add(outcome);
            progress.attachmentSettled(outcome, outcomes.size(), waiting.size());
        }
        return outcomes;
    }

    private Outcome send(SyncRun run, Outbox.AttachmentEntry attachment, ChunkSizer chunks) throws ClientException {
        try {
            return new AttachmentUpload(run, attachment, chunks).send();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted("attachments", e);
        }
    }

    /** Settles one envelope: from a receipt held here, without sending; else by uploading it. */
    private static Outcome settle(SyncRun run, Outbox.Entry entry, Outbox.SentEntry held)
            throws ClientException, InterruptedException {
        String id = entry.submissionId();
        if (held != null) {
            return settleFromHeldReceipt(run, entry, held);
        }
        if (!SUBMISSION_ID.matcher(id).matches()) {
            String message = "the submission id is not one the server can take; the sealed copy is kept";
            run.outbox().recordFailure(id, message);
            return new Outcome(id, Outcome.Kind.REJECTED, message, null, 0);
        }
        return new EnvelopeUpload(run, entry).send();
    }

    private static Outcome settleFromHeldReceipt(SyncRun run, Outbox.Entry entry, Outbox.SentEntry held)
            throws ClientException {
        String id = entry.submissionId();
        ReceiptCheck.Verdict verdict = run.receipts().check(
                held.receiptJson().getBytes(StandardCharsets.UTF_8), entry);
        if (verdict.valid()) {
            run.outbox().acknowledge(id, held.receiptJson(), held.sentAt());
            Receipt receipt = verdict.receipt();
            return new Outcome(id, Outcome.Kind.ALREADY_RECEIVED, null, receipt.receivedAt(), 0);
        }
        String message = "a receipt for this submission id is already held for other bytes; not sent again";
        run.outbox().recordFailure(id, message);
        return new Outcome(id, Outcome.Kind.REJECTED, message, null, 0);
    }

    private static Outcome await(Future<Outcome> future) throws ClientException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted("interviews", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ClientException c) {
                throw c;
            }
            if (cause instanceof InterruptedException) {
                throw interrupted("interviews", cause);
            }
            throw new IllegalStateException("an upload failed unexpectedly", cause);
        }
    }

    private static ClientException interrupted(String what, Throwable cause) {
        return new ClientException(Reason.NETWORK, "the sync was interrupted; unsent " + what + " stay in the outbox",
                cause);
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "fieldsafe-sync");
        t.setDaemon(true);
        return t;
    }
}
