package org.fieldsafe.client.fieldwork;

import java.util.List;

/**
 * The respondent's answer to the referral offer as a view collects it: the choice (refer, information_only,
 * decline), the routes (service ids) they agree to, those of them involving authorities they gave their own explicit
 * yes to, and a safe way and time of contact (refer only; may be null).
 */
public record ReferralAnswer(String choice, List<String> routes, List<String> authoritiesYes, String contactHow,
                             String contactWhen) {
    public ReferralAnswer {
        routes = routes == null ? List.of() : List.copyOf(routes);
        authoritiesYes = authoritiesYes == null ? List.of() : List.copyOf(authoritiesYes);
    }
}
