package org.fieldsafe.client.interview;

import java.util.List;

/**
 * Checks that tie the respondents together: the respondent code follows the study's pattern and names this
 * site, two respondents never share a code, the category agrees with the code, and a joint interview's
 * respondents share one category.
 */
final class IdentityChecks {
    private IdentityChecks() {
    }

    static void check(InterviewSession s, int r, org.fieldsafe.core.forms.Question q, boolean consent, Object value)
            throws InterviewException {
        List<RespondentProgress> all = s.progress();
        if (consent && q.id().equals(ConsentGate.CODE)) {
            String code = (String) value;
            if (!s.study().respondentCode().matches(code)) {
                throw new InterviewException(r, q.id(), "not a respondent code of this study (e.g. "
                        + s.study().respondentCode().example() + ")");
            }
            if (!code.startsWith(s.site() + "-")) {
                throw new InterviewException(r, q.id(), "the respondent code must start with the site " + s.site());
            }
            for (int o = 0; o < all.size(); o++) {
                if (o != r && code.equals(all.get(o).consent.get(ConsentGate.CODE))) {
                    throw new InterviewException(r, q.id(), "both respondents have the same respondent code");
                }
            }
        }
        if (!consent && q.id().equals(ConsentGate.CATEGORY)) {
            String category = (String) value;
            Object code = all.get(r).consent.get(ConsentGate.CODE);
            if (code instanceof String c && !c.contains("-" + category + "-")) {
                throw new InterviewException(r, q.id(), "the category does not match the respondent code");
            }
            for (int o = 0; o < all.size(); o++) {
                Object other = all.get(o).answers.get(ConsentGate.CATEGORY);
                if (o != r && other != null && !other.equals(category)) {
                    throw new InterviewException(r, q.id(),
                            "a joint interview needs two respondents of the same category");
                }
            }
        }
    }
}
