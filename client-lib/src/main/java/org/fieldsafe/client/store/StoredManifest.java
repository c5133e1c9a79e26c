package org.fieldsafe.client.store;

import java.time.Instant;

/**
 * The last manifest the server sent, byte for byte, with its ETag (as sent, quotes included; may be
 * null), when it was stored and when the server last confirmed it (a 304 or a new pull).
 */
public record StoredManifest(String etag, byte[] body, Instant pulledAt, Instant checkedAt) {
}
