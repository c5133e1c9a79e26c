package org.fieldsafe.client.fieldwork;

import org.fieldsafe.client.interview.StopPolicy;

/**
 * What starts an interview: the interview form (its consent form runs first) and its version (null: the latest on
 * the device), the site (the device's), the interview language, the respondent category the enumerator expects
 * (null: the form's category question decides alone), one respondent or two (a joint interview), and what a stop
 * keeps (null: {@link StopPolicy#DISCARD_ALL}).
 */
public record InterviewStart(String form, Integer version, String site, String language, String category,
                             int respondents, StopPolicy onStop) {
    public InterviewStart {
        onStop = onStop == null ? StopPolicy.DISCARD_ALL : onStop;
    }

    /** One respondent, the latest form version, no expected category, a stop discards everything. */
    public static InterviewStart of(String form, String site, String language) {
        return new InterviewStart(form, null, site, language, null, 1, StopPolicy.DISCARD_ALL);
    }
}
