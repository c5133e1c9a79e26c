package org.fieldsafe.client.sync;

import java.time.Duration;

/**
 * Hears how a sync goes, e.g. to show progress. Uploads run in parallel, so these methods may be called from
 * several threads at once; an implementation that prints must synchronise. Every method does nothing unless
 * overridden.
 */
public interface SyncProgress {
    /** Does nothing. */
    SyncProgress NONE = new SyncProgress() {
    };

    /** {@code count} envelopes are about to be sent. */
    default void sending(int count) {
    }

    /** An upload failed for a reason that may pass; it is retried after {@code pause}. */
    default void retrying(String submissionId, int attempt, Duration pause, String reason) {
    }

    /** One envelope is settled for this run ({@code done} of {@code total} so far). */
    default void settled(Outcome outcome, int done, int total) {
    }

    /** {@code count} attachments, whose envelopes have receipts, are about to be sent one at a time. */
    default void sendingAttachments(int count) {
    }

    /**
     * The server stored another chunk of {@code attachment} ({@code <submissionId>/<name>}): it holds {@code sent}
     * of its {@code total} sealed bytes.
     */
    default void uploaded(String attachment, long sent, long total) {
    }

    /** One attachment is settled for this run ({@code done} of {@code total} so far). */
    default void attachmentSettled(Outcome outcome, int done, int total) {
    }
}
