package org.fieldsafe.client.store;

import java.time.Instant;

/** The study definition as the server's canonical JSON bytes, identified by their SHA-256. */
public record StoredStudy(String studyId, String sha256, byte[] canonicalJson, Instant pulledAt) {
}
