package org.fieldsafe.core.wire;

/**
 * {@code POST /api/v1/referrals/{id}/referral-part}: the safeguarding key holder's passphrase (a JSON string, read
 * into an array the server wipes). {@link #toString()} redacts it.
 */
public record PartRequest(char[] passphrase) {
    @Override
    public String toString() {
        return "PartRequest[passphrase=[REDACTED]]";
    }
}
