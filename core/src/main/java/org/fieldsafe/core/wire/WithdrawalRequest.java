package org.fieldsafe.core.wire;

/**
 * {@code POST /api/v1/studies/{study}/withdrawals}: the respondent code of a respondent who withdrew. The server
 * hashes it with the study's respondent-code key and keeps only what it needs; the code is never logged, echoed
 * or stored ({@link #toString()} leaves it out).
 */
public record WithdrawalRequest(String respondentCode) {
    @Override
    public String toString() {
        return "WithdrawalRequest[respondentCode=[REDACTED]]";
    }
}
