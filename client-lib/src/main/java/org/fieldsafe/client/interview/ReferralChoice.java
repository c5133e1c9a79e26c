package org.fieldsafe.client.interview;

import java.util.Locale;

/** The respondent's choice after a disclosure. Written in lower case ({@code information_only}). */
public enum ReferralChoice {
    REFER, INFORMATION_ONLY, DECLINE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the lower-case name; {@link IllegalArgumentException} when unknown. */
    public static ReferralChoice of(String wire) {
        for (ReferralChoice c : values()) {
            if (c.wire().equals(wire)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown referral choice (refer, information_only, decline)");
    }
}
