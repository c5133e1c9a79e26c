package org.fieldsafe.core.wire;

/**
 * {@code POST /api/v1/studies/{study}/keys/{purpose}/holders}: an existing holder adds {@code user} as a holder of
 * the key, unlocking their own copy with their {@code passphrase} for this request. Nothing of the new holder's
 * passphrase is in it: they set it themselves. {@link #toString()} redacts.
 */
public record KeyGrantRequest(String user, char[] passphrase) {
    @Override
    public String toString() {
        return "KeyGrantRequest[user=" + user + ", passphrase=[REDACTED]]";
    }
}
