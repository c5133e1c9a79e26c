package org.fieldsafe.core.wire;

import java.util.List;

/**
 * {@code POST /api/v1/referrals/{id}/state}: the state a case is to change to and the version of it the officer saw;
 * for {@code referred} the service (an id of the site's directory), the date (ISO {@code yyyy-mm-dd}) and - when the
 * service involves the authorities - the safeguarding key holder's passphrase (to check the respondent's consent to
 * that route in the sealed referral part); for {@code closed} the outcome, one of {@link #OUTCOMES}; for
 * {@code acknowledged} from {@code referred} (a correction) the reason, one of {@link #CORRECTION_REASONS}. Codes
 * only, never free text: they go into the case row and the audit log. {@link #toString()} redacts the passphrase.
 */
public record CaseChange(String state, Integer version, String service, String date, String outcome,
                         char[] passphrase, String reason) {
    /** How a referred case ended. */
    public static final List<String> OUTCOMES = List.of("support_received", "service_declined",
            "respondent_declined", "respondent_unreachable", "other");

    /** Why a referral is taken back (referred -> acknowledged). */
    public static final List<String> CORRECTION_REASONS = List.of("wrong_service", "wrong_date", "recorded_in_error",
            "service_unavailable", "other");

    /** A change without a correction reason. */
    public CaseChange(String state, Integer version, String service, String date, String outcome,
                      char[] passphrase) {
        this(state, version, service, date, outcome, passphrase, null);
    }

    @Override
    public String toString() {
        return "CaseChange[state=" + state + ", version=" + version + ", service=" + service + ", date=" + date
                + ", outcome=" + outcome + ", reason=" + reason + ", passphrase=[REDACTED]]";
    }
}
