package org.fieldsafe.core.wire;

/**
 * {@code POST /api/v1/studies/{study}/withdrawals} (and {@code .../withdrawals/preview}): the respondent code of a
 * respondent who withdrew. The server hashes it with the study's respondent-code key and keeps only what it needs;
 * the code is never logged, echoed or stored ({@link #toString()} leaves it out). {@code notYetReceived}: said on
 * purpose when the respondent withdrew before any interview of theirs synced; without it a code with no submission
 * is refused (a mistyped code must not silently erase a future interview).
 */
public record WithdrawalRequest(String respondentCode, Boolean notYetReceived) {
    public WithdrawalRequest(String respondentCode) {
        this(respondentCode, null);
    }

    /** True when the caller said the respondent's interview has not been received yet. */
    public boolean saysNotYetReceived() {
        return Boolean.TRUE.equals(notYetReceived);
    }

    @Override
    public String toString() {
        return "WithdrawalRequest[respondentCode=[REDACTED], notYetReceived=" + notYetReceived + "]";
    }
}
