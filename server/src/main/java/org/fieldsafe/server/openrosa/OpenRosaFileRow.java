package org.fieldsafe.server.openrosa;

import java.time.Instant;

/** A row of {@code openrosa_files}: one encrypted file as received, base64, with its SHA-256. */
public record OpenRosaFileRow(String submissionId, String name, String sha256, long sizeBytes, String content,
                              Instant receivedAt) {
}
