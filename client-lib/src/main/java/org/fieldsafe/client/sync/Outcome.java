package org.fieldsafe.client.sync;

/**
 * What became of one envelope or attachment in a sync.
 *
 * @param submissionId the envelope's submission id; for an attachment {@code <submissionId>/<name>}
 * @param kind         what happened
 * @param message      why it is kept (for the kinds that keep it), else null; never carries answer text
 * @param receivedAt   the receipt's time, for {@link Kind#SENT} and {@link Kind#ALREADY_RECEIVED}
 * @param attempts     uploads tried in this run
 */
public record Outcome(String submissionId, Kind kind, String message, String receivedAt, int attempts) {
    public enum Kind {
        /** Stored by the server (201); the receipt verified; the sealed copy is deleted. */
        SENT,
        /** The server already held it (200 with a matching receipt, or a receipt held here); sealed copy deleted. */
        ALREADY_RECEIVED,
        /** 410: the respondent withdrew; the sealed copy is deleted. */
        WITHDRAWN,
        /** 409/422 or another refusal; kept, not retried in this run. */
        REJECTED,
        /** The receipt did not verify; kept. */
        INTEGRITY,
        /** Network or server failures until the attempts or the time ran out; kept for the next sync. */
        WAITING,
        /** Not tried: the run stopped (device revoked) before it came up; kept. */
        NOT_TRIED;

        /** Whether the sealed copy is gone from the outbox. */
        public boolean done() {
            return this == SENT || this == ALREADY_RECEIVED || this == WITHDRAWN;
        }
    }
}
