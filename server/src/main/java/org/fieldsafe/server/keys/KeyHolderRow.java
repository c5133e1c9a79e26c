package org.fieldsafe.server.keys;

import java.time.Instant;

/**
 * A row of {@code study_key_holders}: one holder's own copy of a study private key, wrapped under their passphrase
 * ({@link #ACTIVE}) or, until they set it, under a one-time secret ({@link #PENDING}). The wrapped key is JSON text
 * the server opens only inside {@link KeyCustody}.
 */
public record KeyHolderRow(String studyId, String purpose, String username, String state, String wrappedPrivateKey,
                           String grantedBy, Instant createdAt) {
    public static final String PENDING = "pending";
    public static final String ACTIVE = "active";

    public boolean pending() {
        return PENDING.equals(state);
    }

    @Override
    public String toString() {
        return "KeyHolderRow[study=" + studyId + ", purpose=" + purpose + ", username=" + username + ", state="
                + state + ", wrappedPrivateKey=[REDACTED]]";
    }
}
