package org.fieldsafe.client.sync;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.store.Outbox;

/**
 * Sends one sealed attachment after its envelope's receipt (docs/sealing.md, "Attachments"): asks the server how
 * many bytes it holds ({@code HEAD}, {@code Upload-Offset}), then sends the rest chunk by chunk with
 * {@code Content-Range}, each chunk sized to the link by the sync's {@link ChunkSizer} (longer when the {@code HEAD}
 * answer's {@code Upload-Chunk-Max} says the server keeps the bytes of a chunk cut short); a 409 (the server holds another length) asks again and resumes from there. Failures that
 * may pass are retried with the run's backoff, never sooner than the server's {@code Retry-After} (the attempt
 * count restarts whenever a chunk is stored). The sealed copy is deleted only when the attachment's receipt names
 * {@code <submissionId>/<name>} and the SHA-256 of the sealed bytes and verifies against a pinned receipt key, or
 * when the server answers 410 (the respondent withdrew; the server shredded the interview and its recordings).
 */
final class AttachmentUpload {
    private final SyncRun run;
    private final Outbox.AttachmentEntry entry;
    private final ChunkSizer chunks;

    AttachmentUpload(SyncRun run, Outbox.AttachmentEntry entry, ChunkSizer chunks) {
        this.run = Objects.requireNonNull(run, "run");
        this.entry = Objects.requireNonNull(entry, "entry");
        this.chunks = Objects.requireNonNull(chunks, "chunks");
    }

    Outcome send() throws ClientException, InterruptedException {
        String id = entry.submissionId() + "/" + entry.name();
        byte[] sealed = entry.sealed();
        long total = sealed.length;
        Long offset = null;
        long held = entry.offsetSent(); // what the server last said it holds
        String lastFailure = null;
        Duration serverAsked = Duration.ZERO;
        int failures = 0;
        int requests = 0;
        while (true) {
            if (run.stopped()) {
                return new Outcome(id, lastFailure == null ? Outcome.Kind.NOT_TRIED : Outcome.Kind.WAITING,
                        lastFailure == null ? run.stopReason() : lastFailure, null, requests);
            }
            try {
                requests++;
                if (offset == null) {
                    ServerApi.UploadAnswer where = run.api().attachmentOffset(run.token(), entry.submissionId(),
                            entry.name());
                    chunks.serverKeepsCutChunks(where.chunkMax(), run.api().requestTimeout());
                    offset = where.offset();
                    if (offset < 0 || offset > total) {
                        throw new ClientException(Reason.SERVER, "the server claims to hold " + offset
                                + " bytes of an attachment of " + total, 0, null, null);
                    }
                    held = offset;
                    if (offset == total) {
                        // complete already: send the last byte again to get the receipt (200)
                        offset = total - 1;
                    }
                    continue;
                }
                int length = (int) Math.min(chunks.next(), total - offset);
                byte[] chunk = Arrays.copyOfRange(sealed, offset.intValue(), offset.intValue() + length);
                long started = run.options().clock().nanoTime();
                ServerApi.UploadAnswer answer = run.api().putAttachmentChunk(run.token(), entry.submissionId(),
                        entry.name(), chunk, offset, total);
                chunks.stored(length, run.options().clock().nanoTime() - started);
                if (answer.status() == 201 || answer.status() == 200) {
                    run.progress().uploaded(id, total, total);
                    return acknowledge(id, answer, requests);
                }
                offset = answer.offset();
                held = offset;
                failures = 0;
                lastFailure = null;
                run.outbox().recordAttachmentProgress(entry.submissionId(), entry.name(), offset, null);
                run.progress().uploaded(id, offset, total);
                continue;
            } catch (ClientException e) {
                if (e.reason() == Reason.UNAUTHORISED) {
                    run.stop(e);
                    return new Outcome(id, Outcome.Kind.NOT_TRIED, e.getMessage(), null, requests);
                }
                if (e.status() == 410) {
                    // the respondent withdrew after the envelope was received: the server shredded the interview
                    // and its recordings and will never take this one; the sealed copy goes, as for an envelope,
                    // but only on the server's signed word
                    if (!run.receipts().withdrawalProven(e, entry.submissionId())) {
                        run.outbox().recordAttachmentProgress(entry.submissionId(), entry.name(), held,
                                ReceiptCheck.UNPROVEN_WITHDRAWAL);
                        return new Outcome(id, Outcome.Kind.INTEGRITY, ReceiptCheck.UNPROVEN_WITHDRAWAL, null,
                                requests);
                    }
                    run.outbox().discard(entry.submissionId());
                    return new Outcome(id, Outcome.Kind.WITHDRAWN, "respondent withdrew", null, requests);
                }
                if (e.status() == 409) {
                    offset = null; // the server holds another length: ask and resume from there
                    continue;
                }
                if (e.status() == 413 && chunks.refused()) {
                    offset = null; // the server takes smaller chunks
                    continue;
                }
                if (e.status() == 422) {
                    // the server discarded what it held (the bytes did not match the descriptor)
                    String message = "the server refused the attachment's bytes: " + e.getMessage();
                    run.outbox().recordAttachmentProgress(entry.submissionId(), entry.name(), 0, message);
                    return new Outcome(id, Outcome.Kind.REJECTED, message, null, requests);
                }
                if (!EnvelopeUpload.transientFailure(e)) {
                    run.outbox().recordAttachmentProgress(entry.submissionId(), entry.name(), held,
                            e.getMessage());
                    return new Outcome(id, Outcome.Kind.REJECTED, e.getMessage(), null, requests);
                }
                lastFailure = e.getMessage();
                serverAsked = e.retryAfter().orElse(Duration.ZERO);
                if (e.reason() == Reason.NETWORK) {
                    chunks.cut(); // the connection failed, perhaps mid-chunk: a smaller one gets through sooner
                }
                offset = null; // the chunk may or may not have been stored: ask before resuming
                failures++;
            }
            if (failures >= run.options().maxAttempts()) {
                run.outbox().recordAttachmentProgress(entry.submissionId(), entry.name(), held, lastFailure);
                return new Outcome(id, Outcome.Kind.WAITING, lastFailure, null, requests);
            }
            if (!run.pauseBeforeRetry(id, failures, serverAsked, lastFailure)) {
                return new Outcome(id, Outcome.Kind.WAITING, lastFailure, null, requests);
            }
        }
    }

    private Outcome acknowledge(String id, ServerApi.UploadAnswer answer, int requests) throws ClientException {
        Outbox.Entry asSent = new Outbox.Entry(id, null, entry.sha256(), null, 0, null);
        ReceiptCheck.Verdict verdict = run.receipts().check(answer.body(), asSent);
        if (!verdict.valid()) {
            run.outbox().recordAttachmentProgress(entry.submissionId(), entry.name(), entry.offsetSent(),
                    verdict.problem());
            return new Outcome(id, Outcome.Kind.INTEGRITY, verdict.problem(), null, requests);
        }
        run.outbox().acknowledgeAttachment(entry.submissionId(), entry.name(),
                new String(answer.body(), StandardCharsets.UTF_8), run.clock().instant());
        return new Outcome(id, answer.status() == 201 ? Outcome.Kind.SENT : Outcome.Kind.ALREADY_RECEIVED, null,
                verdict.receipt().receivedAt(), requests);
    }
}
