package org.fieldsafe.client.interview;

import java.util.Map;
import java.util.Objects;

/**
 * The respondent's answer to the referral offer: the choice, consent per contact route (service id to
 * true/false) and how and when they may be contacted (both may be null).
 */
public record Referral(ReferralChoice choice, Map<String, Boolean> routes, String contactHow, String contactWhen) {
    public Referral {
        Objects.requireNonNull(choice, "choice");
        routes = routes == null ? Map.of() : Map.copyOf(routes);
    }
}
