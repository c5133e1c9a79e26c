package org.fieldsafe.core.wire;

/**
 * {@code GET /api/v1/studies/{study}/keys/holders}: who holds a copy of which study key; {@code state} is
 * {@code pending} until the holder has set their own passphrase, then {@code active}. No key material.
 */
public record KeyHolder(String purpose, String user, String state, String grantedBy, String createdAt) {
}
