package org.fieldsafe.core.wire;

import java.util.List;

/**
 * {@code POST /api/v1/studies/{study}/submissions/{id}/identity}: the identity key holder's passphrase (a JSON
 * string, read into an array the server wipes) and why the identity part is read, one of {@link #REASONS} (a code,
 * never free text: it goes into the audit log). {@link #toString()} redacts the passphrase.
 */
public record IdentityRequest(char[] passphrase, String reason) {
    public static final List<String> REASONS = List.of("withdrawal", "recontact",
            "data_correction");

    @Override
    public String toString() {
        return "IdentityRequest[passphrase=[REDACTED], reason=" + reason + "]";
    }
}
