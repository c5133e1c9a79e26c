package org.fieldsafe.client.interview;

import org.fieldsafe.core.util.WireEnum;

/** The respondent's choice after a disclosure. Written in lower case ({@code information_only}: {@link WireEnum}). */
public enum ReferralChoice implements WireEnum {
    REFER, INFORMATION_ONLY, DECLINE;

    /** Parses the lower-case name; {@link IllegalArgumentException} when unknown. */
    public static ReferralChoice of(String wire) {
        return WireEnum.find(ReferralChoice.class, wire).orElseThrow(
                () -> new IllegalArgumentException("unknown referral choice (refer, information_only, decline)"));
    }
}
