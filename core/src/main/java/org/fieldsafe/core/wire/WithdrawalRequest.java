package org.fieldsafe.core.wire;

/**
 * {@code POST /api/v1/studies/{study}/withdrawals} (and {@code .../withdrawals/preview}): the respondent code of a
 * respondent who withdrew. The server hashes it with the study's respondent-code key and keeps only what it needs;
 * the code is never logged, echoed or stored ({@link #toString()} leaves it out). {@code notYetReceived}: said on
 * purpose when the respondent withdrew before any interview of theirs synced; without it a code with no submission
 * is refused (a mistyped code must not silently erase a future interview). {@code odkPassphrase}: the caller's
 * passphrase of the study's ODK key, when the study has OpenRosa submissions no key holder has opened yet: the server
 * unwraps the key for this request only to learn whose they are (never logged, echoed or kept; the caller zeroes it).
 */
public record WithdrawalRequest(String respondentCode, Boolean notYetReceived, char[] odkPassphrase) {
    public WithdrawalRequest(String respondentCode) {
        this(respondentCode, null, null);
    }

    public WithdrawalRequest(String respondentCode, Boolean notYetReceived) {
        this(respondentCode, notYetReceived, null);
    }

    /** True when the caller said the respondent's interview has not been received yet. */
    public boolean saysNotYetReceived() {
        return Boolean.TRUE.equals(notYetReceived);
    }

    @Override
    public String toString() {
        return "WithdrawalRequest[respondentCode=[REDACTED], notYetReceived=" + notYetReceived + ", odkPassphrase="
                + (odkPassphrase == null ? "null" : "[REDACTED]") + "]";
    }
}
