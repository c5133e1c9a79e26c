package org.fieldsafe.server.submissions;

import java.time.Instant;

/**
 * What storing an upload came to, inside the writer's transaction: stored now ({@link Created}), already stored
 * with identical bytes ({@link Duplicate}), already stored with other bytes ({@link Conflict}), or refused because
 * a respondent withdrew ({@link Withdrawn}).
 */
public sealed interface Stored {
    /** Stored by this transaction. */
    record Created(String envelopeSha256, Instant receivedAt) implements Stored {
    }

    /** Stored before, with the same bytes: the same receipt again. */
    record Duplicate(String envelopeSha256, Instant receivedAt) implements Stored {
    }

    /** Stored before, with other bytes. */
    record Conflict() implements Stored {
    }

    /** A respondent of the upload withdrew; nothing stored. */
    record Withdrawn() implements Stored {
    }
}
