package org.fieldsafe.client.sync;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.store.Outbox;
import org.fieldsafe.core.wire.Problem;

/**
 * Sends one envelope until the server settles it or this run's attempts or time run out, and applies the
 * answer to the outbox: a verified receipt acknowledges (records it and deletes the sealed copy), 410 with a verified
 * signed withdrawal notice discards,
 * everything else keeps the envelope with the reason recorded.
 */
final class EnvelopeUpload {
    private final SyncRun run;
    private final Outbox.Entry entry;

    EnvelopeUpload(SyncRun run, Outbox.Entry entry) {
        this.run = Objects.requireNonNull(run, "run");
        this.entry = Objects.requireNonNull(entry, "entry");
    }

    Outcome send() throws ClientException, InterruptedException {
        String id = entry.submissionId();
        String lastFailure = null;
        Duration serverAsked = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            if (run.stopped()) {
                return lastFailure == null
                        ? new Outcome(id, Outcome.Kind.NOT_TRIED, run.stopReason(), null, 0)
                        : new Outcome(id, Outcome.Kind.WAITING, lastFailure, null, attempt - 1);
            }
            try {
                ServerApi.Answer answer = run.api().putSubmission(run.token(), id, entry.envelope());
                return acknowledge(answer, attempt);
            } catch (ClientException e) {
                if (e.reason() == Reason.UNAUTHORISED) {
                    run.stop(e);
                    return new Outcome(id, Outcome.Kind.NOT_TRIED, e.getMessage(), null, attempt);
                }
                if (e.status() == 410) {
                    if (!run.receipts().withdrawalProven(e, id)) {
                        run.outbox().recordFailure(id, ReceiptCheck.UNPROVEN_WITHDRAWAL);
                        return new Outcome(id, Outcome.Kind.INTEGRITY, ReceiptCheck.UNPROVEN_WITHDRAWAL, null, attempt);
                    }
                    run.outbox().discard(id);
                    return new Outcome(id, Outcome.Kind.WITHDRAWN, "respondent withdrew", null, attempt);
                }
                if (!transientFailure(e)) {
                    String message = refusal(e);
                    run.outbox().recordFailure(id, message);
                    return new Outcome(id, Outcome.Kind.REJECTED, message, null, attempt);
                }
                lastFailure = e.getMessage();
                serverAsked = e.retryAfter().orElse(Duration.ZERO);
                run.outbox().recordFailure(id, lastFailure);
            }
            if (attempt >= run.options().maxAttempts()) {
                return new Outcome(id, Outcome.Kind.WAITING, lastFailure, null, attempt);
            }
            if (!run.pauseBeforeRetry(id, attempt, serverAsked, lastFailure)) {
                return new Outcome(id, Outcome.Kind.WAITING, lastFailure, null, attempt);
            }
        }
    }

    private Outcome acknowledge(ServerApi.Answer answer, int attempt) throws ClientException {
        String id = entry.submissionId();
        ReceiptCheck.Verdict verdict = run.receipts().check(answer.body(), entry);
        if (!verdict.valid()) {
            run.outbox().recordFailure(id, verdict.problem());
            return new Outcome(id, Outcome.Kind.INTEGRITY, verdict.problem(), null, attempt);
        }
        Clock clock = run.clock();
        run.outbox().acknowledge(id, new String(answer.body(), StandardCharsets.UTF_8),
                clock.instant());
        Outcome.Kind kind = answer.status() == 201 ? Outcome.Kind.SENT : Outcome.Kind.ALREADY_RECEIVED;
        return new Outcome(id, kind, null, verdict.receipt().receivedAt(), attempt);
    }

    /** Worth retrying: no answer, a server failure, or the server asking to slow down. */
    static boolean transientFailure(ClientException e) {
        if (e.reason() == Reason.NETWORK) {
            return true;
        }
        int status = e.status();
        return status >= 500 || status == 408 || status == 429 || (e.reason() == Reason.SERVER && status == 0);
    }

    private static String refusal(ClientException e) {
        Problem p = e.problem().orElse(null);
        if (p == null) {
            return "the server refused it (HTTP " + e.status() + ")";
        }
        String title = p.title() == null || p.title().isBlank() ? "refused" : p.title();
        String detail = p.detail() == null || p.detail().isBlank() ? "" : ": " + p.detail();
        return title + detail + " (HTTP " + e.status() + ")";
    }
}
