package org.fieldsafe.server.keys;

import java.time.Instant;

/**
 * A row of {@code study_keys}: a study public key (base64 of the raw bytes) with its fingerprint and the private
 * key wrapped under its holder's passphrase (JSON text the server does not open).
 */
public record StudyKeyRow(String studyId, String purpose, String algorithm, String publicKey, String fingerprint,
                          String wrappedPrivateKey, String createdBy, Instant createdAt) {
}
