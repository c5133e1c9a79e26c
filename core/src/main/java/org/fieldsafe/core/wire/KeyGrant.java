package org.fieldsafe.core.wire;

/**
 * The answer to a key grant: the new holder's pending copy, wrapped under {@code oneTimeSecret}, shown this once to
 * the granting holder, who hands it to the new holder; it unlocks nothing until the new holder sets their own
 * passphrase with it ({@code admin keys passphrase}). {@link #toString()} redacts the secret.
 */
public record KeyGrant(String study, String purpose, String user, String fingerprint, String oneTimeSecret) {
    @Override
    public String toString() {
        return "KeyGrant[study=" + study + ", purpose=" + purpose + ", user=" + user + ", fingerprint=" + fingerprint
                + ", oneTimeSecret=[REDACTED]]";
    }
}
