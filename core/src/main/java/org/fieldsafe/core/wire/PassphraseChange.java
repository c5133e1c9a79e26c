package org.fieldsafe.core.wire;

/**
 * {@code POST /api/v1/studies/{study}/keys/{purpose}/passphrase}: the key holder's current passphrase and the new
 * one. Character arrays (JSON strings on the wire) so that both ends can wipe them; {@link #toString()} redacts.
 */
public record PassphraseChange(char[] current, char[] next) {
    @Override
    public String toString() {
        return "PassphraseChange[current=[REDACTED], next=[REDACTED]]";
    }
}
